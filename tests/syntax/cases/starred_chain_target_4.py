del *a.b, c
