"""An ordinary module: async functions, but nothing async at module level.

`asynclift check` finds no error and says it does not need async execution.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class Inventory:
    items: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int = 1) -> None:
        self.items[name] = self.items.get(name, 0) + count

    async def restock(self, names: list[str]) -> None:
        for name in names:
            await asyncio.sleep(0)
            self.add(name)


def make_counter(start: int = 0):
    count = start

    def step() -> int:
        nonlocal count  # fine: `count` is bound in the enclosing function
        count += 1
        return count

    return step


async def main() -> None:
    inventory = Inventory()
    await inventory.restock(["apple", "pear", "apple"])
    print(inventory.items)


if __name__ == "__main__":
    asyncio.run(main())
