"""Doc."""; from __future__ import annotations; x: int = await f()
y = x
