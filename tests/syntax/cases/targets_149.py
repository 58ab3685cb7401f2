with z as [a, f()]: pass
