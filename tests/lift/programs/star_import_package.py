# lift-test: drivers=any
# `from . import *` imports the package itself; `from .. import *` beyond the top fails.
from . import *
print(PACKAGE_VALUE)
from .. import *
