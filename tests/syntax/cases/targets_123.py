for await x in y: pass
