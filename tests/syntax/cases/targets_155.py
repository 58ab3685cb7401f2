with z as (a, True): pass
