with z as await x: pass
