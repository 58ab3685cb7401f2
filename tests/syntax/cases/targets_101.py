with z as (a := 1): pass
