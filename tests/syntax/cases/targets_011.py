with z as x + 1: pass
