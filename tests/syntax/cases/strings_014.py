x = Rb'a'
