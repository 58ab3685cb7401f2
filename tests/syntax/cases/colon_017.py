try:
    pass
except E
