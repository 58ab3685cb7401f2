"""Doc."""
x = 1
if x:
    x
await x, x
