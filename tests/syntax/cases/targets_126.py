(await x := 1)
