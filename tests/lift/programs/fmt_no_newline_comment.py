# lift-test: drivers=any
x = lambda: 1
# the file ends in a comment with no newline