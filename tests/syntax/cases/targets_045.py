for f'{x}' in y: pass
