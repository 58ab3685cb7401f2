f'a' 'b' f'{'
