x = b'ab\x'
