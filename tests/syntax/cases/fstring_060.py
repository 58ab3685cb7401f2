f'{x,y}'
