x = ’a’
