for a and b in y: pass
