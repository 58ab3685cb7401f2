if x:
  	a
	  b
