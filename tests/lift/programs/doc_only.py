# lift-test: drivers=any
"""Nothing but a docstring (last-expr returns it; interactive displays it)."""
