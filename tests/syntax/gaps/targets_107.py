with z as not a: pass
