# lift-test: drivers=any
# Code that replaces __annotations__ itself; annotations then go to the new dict.
first: int = 1
old = __annotations__
__annotations__ = {"replaced": True}
second: str = "s"
print(old, __annotations__)
del __annotations__
try:
    third: float = 3.0
except NameError as exc:
    print("NameError:", exc)
