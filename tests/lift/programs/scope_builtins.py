# lift-test: drivers=any
# locals(), vars(), dir(), exec(s), eval(s) mean the module namespace at module level.
marker = "m"
print(locals() is globals(), vars() is globals(), locals()["marker"])
names = [n for n in dir() if not n.startswith("__")]
print(names)
exec("made_by_exec = marker * 2")
print(made_by_exec, eval("marker + made_by_exec"))
exec("def from_exec(): return marker")
print(from_exec.__qualname__, from_exec.__module__, from_exec())
exec("class FromExec:\n    def m(self): pass")
print(FromExec.m.__qualname__)


def uses_default(d=locals()):
    return d is globals()


print(uses_default(), [k for k in vars() if k == "marker"], eval("locals() is globals()"))
if True:
    print(locals() is globals(), eval(
        "marker"
    ))
class K:
    inside_class = locals()
print(sorted(K.inside_class))
(lambda: locals())()
