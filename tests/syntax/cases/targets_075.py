for {} in y: pass
