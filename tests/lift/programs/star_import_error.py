# lift-test: drivers=any
# __all__ naming a missing attribute: AttributeError after the names before it are bound.
before = 1
from starmod_bad import *
after = 2
