with z as a < b: pass
