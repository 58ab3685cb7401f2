with z as None: pass
