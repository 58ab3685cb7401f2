# lift-test: drivers=any
# The annotation raises after the value is bound: the binding stays, nothing is stored.
ok: int = 1
broken: undefined_name = 2
after = 3
