with z as 1: pass
