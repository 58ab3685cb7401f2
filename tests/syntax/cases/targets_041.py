with z as "s": pass
