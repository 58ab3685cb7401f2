for ... in y: pass
