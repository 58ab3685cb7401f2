for True in y: pass
