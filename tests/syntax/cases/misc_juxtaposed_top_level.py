f(1)yield
