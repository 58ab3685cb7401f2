f = lambda: 0
g = (i for i in range(3))
class C:
    def m(self):
        pass
