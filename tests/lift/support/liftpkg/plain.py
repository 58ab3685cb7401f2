plain_x = 10
_plain_hidden = 11
