s = "café"
await s
