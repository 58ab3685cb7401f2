from m import (x, a.b as c)
