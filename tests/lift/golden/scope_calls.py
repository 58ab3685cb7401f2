print(locals(), vars(), dir())
exec("a = 1"); eval("a")
exec(code, {})
f = lambda: locals()
[k for k in vars() if k]
def g(d=locals()):
    return locals()
class C:
    here = locals()
await run()
