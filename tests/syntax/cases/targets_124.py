[z for await x in y]
