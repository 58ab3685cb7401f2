print("b�se")
