x = (** f(a), b)
