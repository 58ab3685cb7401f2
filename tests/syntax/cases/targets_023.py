with z as True: pass
