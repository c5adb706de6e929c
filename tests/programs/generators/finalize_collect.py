# A generator abandoned inside a try block gets its finally run when it dies: at once in CPython
# (reference counting), at gc.collect() or the next collection in cpvm.
import gc


def reader(name):
    try:
        yield name + ":1"
        yield name + ":2"
    finally:
        print("closing", name)


r = reader("a")
print(next(r))
r = None
gc.collect()
print("after a")

for line in reader("b"):
    print(line)
    break
gc.collect()
print("after b")


def guarded():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise


g = guarded()
next(g)
del g
gc.collect()
print("after guarded")


def plain():
    yield 1
    print("never printed")


p = plain()
next(p)
del p
gc.collect()

# A finished or never-started generator has nothing to run.
done = reader("c")
del done
gc.collect()
ran = reader("d")
print(list(ran))
del ran
gc.collect()
print("end")
