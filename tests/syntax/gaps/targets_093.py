for a if b else c in y: pass
