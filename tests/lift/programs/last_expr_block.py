# lift-test: drivers=any
# A block is last: its expression statements are not "the final top-level expression".
for i in range(2):
    i
