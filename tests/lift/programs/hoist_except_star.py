# lift-test: drivers=any min=3.11
# except* at module level binds and then deletes its target.
try:
    raise ExceptionGroup("eg", [ValueError("v"), KeyError("k")])
except* ValueError as group:
    values = repr(group)
except* KeyError as group:
    keys = repr(group)
print(values, keys, "group" in globals())
