with z as lambda: 1: pass
