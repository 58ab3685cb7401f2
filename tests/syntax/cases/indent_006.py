if x:
	 a
 	b
