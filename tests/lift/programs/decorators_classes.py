# lift-test: drivers=any
# Decorators, class bodies reading module names, super(), class attributes, properties.
import functools
registry = {}
PREFIX = "p-"


def register(fn):
    registry[fn.__qualname__] = fn
    return fn


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args):
        return ("traced", fn(*args))
    return wrapper


@register
@trace
def decorated(x):
    return x * 2


class Base:
    kind = PREFIX + "base"

    def describe(self):
        return "Base.describe"


class Child(Base):
    kind = PREFIX + "child"
    names = [PREFIX + n for n in ("a", "b")]

    def describe(self):
        return "Child>" + super().describe()

    @property
    def prop(self):
        return self.kind

    @staticmethod
    def static():
        return PREFIX

    @classmethod
    def klass(cls):
        return cls.__qualname__

    class Inner:
        def method(self):
            return __class__.__qualname__


print(decorated(3), list(registry), Child().describe(), Child().prop, Child.static(), Child.klass())
print(Child.names, Child.Inner().method(), Child.Inner.method.__qualname__)
Child.__mro__
