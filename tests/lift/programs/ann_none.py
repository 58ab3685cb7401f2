# lift-test: drivers=any
# No annotated assignment at module level: module code never creates __annotations__.
class C:
    x: int = 1


def f(y: int) -> str:
    z: float = 2.0
    return str(y)


print("__annotations__" in globals(), C.__annotations__, f.__annotations__)
