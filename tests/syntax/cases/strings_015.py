x = fR'a'
