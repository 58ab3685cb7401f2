x = ff'a'
