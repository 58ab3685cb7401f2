# lift-test: drivers=any
# __qualname__ and __module__ of everything: functions, classes, methods, nested functions,
# lambdas (top level, in defaults, in class bodies, nested), generator expressions.
import sys


def outer():
    def inner():
        return lambda: None
    return inner


class Klass:
    attr_lambda = lambda self: None

    def method(self, default=lambda: 0):
        def local():
            pass
        return local


top_lambda = lambda: lambda: 0
nested_lambda = top_lambda()
genexp = (i for i in range(2))
listcomp_lambdas = [lambda: j for j in range(1)]
if True:
    def in_if():
        pass
    class InIf:
        pass
for _ in range(1):
    def in_for():
        pass


def with_default(f=lambda: 1):
    return f


async def coroutine_function():
    pass


coro = coroutine_function()
coro.close()
print(outer.__qualname__, outer().__qualname__, outer()().__qualname__)
print(Klass.attr_lambda.__qualname__, Klass().method().__qualname__, Klass.method.__defaults__[0].__qualname__)
print(top_lambda.__qualname__, nested_lambda.__qualname__, genexp.__qualname__, listcomp_lambdas[0].__qualname__)
print(in_if.__qualname__, InIf.__qualname__, in_for.__qualname__, with_default().__qualname__, coro.__qualname__)
print(top_lambda.__module__, Klass.__module__, genexp.gi_code.co_name)
del _
