x = await lambda: 1
