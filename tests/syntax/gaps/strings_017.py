x = print'a'
