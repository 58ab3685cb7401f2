for "s" in y: pass
