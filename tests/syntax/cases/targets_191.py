x: *a
