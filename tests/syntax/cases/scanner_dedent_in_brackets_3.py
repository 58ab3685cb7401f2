class C:
    def m(self):
        return (a and
b)
