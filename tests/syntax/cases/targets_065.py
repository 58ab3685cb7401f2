with z as {x for x in y}: pass
