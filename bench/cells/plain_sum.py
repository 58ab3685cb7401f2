total = sum(range(10))
print(f"total is {total}")
