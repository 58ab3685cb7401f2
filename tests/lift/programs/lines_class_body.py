# lift-test: drivers=any
# An error raised while a class body runs, inside a decorator and in a lambda.
def deco(fn):
    return fn


@deco
def fine():
    pass


class Broken:
    a = 1
    b = undefined_in_class_body
