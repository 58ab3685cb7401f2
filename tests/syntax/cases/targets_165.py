for x.y() in y: pass
