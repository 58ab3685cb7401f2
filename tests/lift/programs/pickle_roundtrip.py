# lift-test: drivers=any
# Pickling needs module-level qualnames: instances, functions, classes, nested classes.
import pickle


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    class Nested:
        value = 3


def function():
    return "f"


p = pickle.loads(pickle.dumps(Point(1, 2)))
n = pickle.loads(pickle.dumps(Point.Nested()))
f = pickle.loads(pickle.dumps(function))
print(vars(p), type(n).__qualname__, f is function, pickle.loads(pickle.dumps(Point)) is Point)
try:
    pickle.dumps(lambda: 0)
except Exception as exc:
    print(type(exc).__name__)
