with z as a if b else c: pass
