await g()
