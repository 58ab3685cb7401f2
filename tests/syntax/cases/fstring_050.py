rf'\{x}'
