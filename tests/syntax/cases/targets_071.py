with z as {x: y for x in y}: pass
