for -a in y: pass
