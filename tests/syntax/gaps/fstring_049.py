f'\N{DASH}'
