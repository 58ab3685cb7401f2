for (yield) in y: pass
