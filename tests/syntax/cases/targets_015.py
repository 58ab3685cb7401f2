for None in y: pass
