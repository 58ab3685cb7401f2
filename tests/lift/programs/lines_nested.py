# lift-test: drivers=any
# Tracebacks from nested code report the source's lines; co_firstlineno of everything too.
import inspect
import traceback


def level_two():
    return 1 / 0


def level_one():
    return level_two()


class Holder:
    def method(self):
        return level_one()


lines = [level_two.__code__.co_firstlineno, Holder.method.__code__.co_firstlineno]
try:
    Holder().method()
except ZeroDivisionError as exc:
    frames = [(f.name, f.lineno) for f in traceback.extract_tb(exc.__traceback__)][1:]
print(lines, frames)
lambda_line = (lambda: inspect.currentframe().f_lineno)()
gen_line = next(inspect.currentframe().f_lineno for _ in range(1))
print(lambda_line, gen_line)
Holder().method()
