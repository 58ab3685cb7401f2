#!/usr/bin/env python3
# Leading comments stay above the wrapper.

import asyncio  # a trailing comment
x = await asyncio.sleep(0, result=1)
  # an indented comment
for i in range(x):
    total = i

def show():
    return total
