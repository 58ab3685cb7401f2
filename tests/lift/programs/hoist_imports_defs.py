# lift-test: drivers=any
# Imports bind the root of a dotted name; def and class bind; del unbinds; late binding.
import os.path
import collections.abc as cabc
from json import dumps as to_json, loads
from liftsupport import value


def late():
    return later_name


class Box:
    size = 3

    def get(self):
        return helper() + self.size


async def fetch():
    return await value("fetched")


def helper():
    return 100


later_name = "bound after the def"
print(late(), Box().get(), await fetch(), to_json([1]), loads("2"))
later_name = "rebound"
print(late())
temp = 5
del temp
print(os.path.sep, cabc.Mapping.__name__, "temp" in globals())
def helper():
    return -1
Box().get()
