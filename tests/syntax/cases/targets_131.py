with z as (yield): pass
