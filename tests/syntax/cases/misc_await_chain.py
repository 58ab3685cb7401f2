x = await await await await 1
