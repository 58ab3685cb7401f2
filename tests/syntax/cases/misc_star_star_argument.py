f(* *args, **kwargs)
