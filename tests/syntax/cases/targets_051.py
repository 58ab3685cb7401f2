for (x for x in y) in y: pass
