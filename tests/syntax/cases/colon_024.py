def f() -> int
