pub_one = "one"
pub_two = "two"
_private = "hidden"


def pub_function():
    return "function"
