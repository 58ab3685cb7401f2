((a)): int
