lambda *a: 1
