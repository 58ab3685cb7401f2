type(self).x = 1
