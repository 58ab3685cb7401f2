[z for f'{x}' in y]
