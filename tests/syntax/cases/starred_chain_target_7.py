del *a.b
