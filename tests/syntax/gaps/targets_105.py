for not a in y: pass
