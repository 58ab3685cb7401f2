# lift-test: drivers=any
# __annotations__ exists as soon as module code has an annotated assignment anywhere at
# module level (if/for/while/with/try blocks), even one that never runs.
import contextlib
print("__annotations__" in globals())
if False:
    never: int = 1
for i in range(0):
    loop_var: int
while False:
    w: int
with contextlib.nullcontext():
    with_var: str = "w"
try:
    tried: int = 1
except Exception:
    handled: int = 2
else:
    otherwise: float = 1.0
finally:
    fin: bytes = b""
print(__annotations__)
