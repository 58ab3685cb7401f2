for (a, True) in y: pass
