# lift-test: drivers=any min=3.12
# PEP 695: type aliases and generics at module level.
type Pair = tuple[int, int]
type Later = Undefined
type Generic[T] = dict[str, T]


def first[T](items: list[T]) -> T:
    return items[0]


class Stack[T]:
    def __init__(self):
        self.items: list[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)


Undefined = int
s = Stack()
s.push(first([4, 5]))
print(Pair.__value__, Later.__value__, Generic.__type_params__, Generic[int], s.items, first.__type_params__, Stack.__type_params__)
(Pair.__name__, Pair.__module__, first.__qualname__, Stack.push.__qualname__)
