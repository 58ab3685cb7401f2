x = br'a'
