if x: pass
  y
