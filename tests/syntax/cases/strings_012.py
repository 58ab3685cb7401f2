x = t'a'
