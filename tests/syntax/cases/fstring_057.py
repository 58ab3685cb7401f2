f'{await x}'
