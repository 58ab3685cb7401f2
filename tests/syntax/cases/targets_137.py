with z as -a: pass
