x = 'ab\x1 cd'
