# lift-test: drivers=any
# `from m import *`: __all__ when the module has it (private names too), else every public
# name; relative imports through __package__.
from starmod import *
print(alpha, beta, _exported_private, "gamma" in globals())
from starmod_noall import *
print(pub_one, pub_two, pub_function(), "_private" in globals())
from .sibling import *
print(sib_a, sib_c, "sib_b" in globals())
from . import plain
from .plain import *
print(plain_x, "_plain_hidden" in globals())
if alpha:
    from json import *
print(dumps({"a": 1}))
from \
   starmod \
   import *
[k for k in sorted(globals()) if not k.startswith("__")]
