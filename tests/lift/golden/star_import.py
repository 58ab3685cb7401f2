from os.path import *
from . import *
from ..pkg.mod import *
if True:
    from json \
        import *
