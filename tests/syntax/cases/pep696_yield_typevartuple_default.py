class A[*Ts = (yield)]: pass
