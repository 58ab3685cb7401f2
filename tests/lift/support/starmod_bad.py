__all__ = ["present", "missing"]
present = "here"
