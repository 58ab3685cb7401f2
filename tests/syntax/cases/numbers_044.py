x = 1jor 2
