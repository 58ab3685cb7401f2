x = '\N{EM DASH'
