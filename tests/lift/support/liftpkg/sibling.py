__all__ = ["sib_a", "sib_c"]
sib_a = "a"
sib_b = "b"
sib_c = "c"
