# lift-test: drivers=any
# Only comments: the wrapper body is empty.
