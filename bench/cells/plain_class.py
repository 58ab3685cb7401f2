from dataclasses import dataclass, field


@dataclass
class Inventory:
    items: dict = field(default_factory=dict)

    def add(self, name, count=1):
        self.items[name] = self.items.get(name, 0) + count
        return self

    def remove(self, name):
        if name not in self.items:
            raise KeyError(name)
        del self.items[name]

    def total(self):
        return sum(self.items.values())


inv = Inventory().add("apple", 3).add("pear")
print(inv.total())
