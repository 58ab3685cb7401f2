words = ["alpha", "beta", "gamma", "delta", "epsilon"]
lengths = {w: len(w) for w in words}
longest = sorted(words, key=lambda w: (-lengths[w], w))[:3]
pairs = [(a, b) for a in words for b in words if a < b]
print(longest, len(pairs))
