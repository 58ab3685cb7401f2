with z as a and b: pass
