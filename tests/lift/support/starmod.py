__all__ = ["alpha", "beta", "_exported_private"]
alpha = 1
beta = 2
gamma = 3
_exported_private = 4
