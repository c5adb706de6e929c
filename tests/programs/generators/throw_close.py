# throw() raises at the yield; close() raises GeneratorExit there; finally blocks run.
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as err:
            print("caught", repr(err))

c = catcher()
print(next(c))
print(c.throw(ValueError("boom")))
print(c.throw(ValueError))
print(c.throw(ValueError, "made"))
try:
    c.throw(KeyError("k"))
except KeyError as err:
    print("KeyError passed out:", err)
try:
    next(c)
except StopIteration:
    print("finished after an uncaught throw")

def fin():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

f = fin()
print(next(f))
print(f.close())
print(list(f))
f.close()  # closing a finished generator does nothing

# close on a generator that never started: no finally runs
unstarted = fin()
unstarted.close()
print(list(unstarted))

def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise

g = catches_exit()
next(g)
g.close()

def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"

g = returns_on_exit()
next(g)
print(g.close())

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "still here"

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as err:
    print("RuntimeError:", err)
print(list(s))

def raises_other():
    try:
        yield 1
    except GeneratorExit:
        raise ValueError("during close")

r = raises_other()
next(r)
try:
    r.close()
except ValueError as err:
    print("ValueError:", err, type(err.__context__).__name__)

# throw into an unstarted generator: raised without running the body
def never():
    print("never runs")
    yield 1

n = never()
try:
    n.throw(IndexError("early"))
except IndexError as err:
    print("early:", err)
print(list(n))

# throw() result when the generator returns
def one_shot():
    try:
        yield 1
    except TypeError:
        return "handled"

o = one_shot()
next(o)
try:
    o.throw(TypeError)
except StopIteration as st:
    print("throw -> StopIteration", st.value)

# throw non-exception
try:
    catcher().throw(42)
except TypeError as err:
    print("TypeError:", err)

# finally with yield and nested try
def nested():
    try:
        try:
            yield "inner"
        finally:
            print("inner finally")
        yield "between"
    finally:
        print("outer finally")

nst = nested()
print(next(nst))
print(next(nst))
nst.close()

# exception state inside a generator
import sys
def handler_gen():
    try:
        raise KeyError("inside")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield repr(sys.exc_info()[1])
    yield sys.exc_info()[0]

hg = handler_gen()
print(next(hg))
print(sys.exc_info()[0])
try:
    raise ValueError("outer")
except ValueError:
    print(next(hg))
    print(sys.exc_info()[0].__name__)
print(next(hg))

# a thrown exception's __context__: the generator's own handled exception, not its caller's
def in_handler():
    try:
        raise KeyError("inner")
    except KeyError:
        yield 1

ih = in_handler()
next(ih)
try:
    ih.throw(ValueError("thrown"))
except ValueError as err:
    print(repr(err.__context__))

def plain():
    yield 1

pl = plain()
next(pl)
try:
    raise IndexError("outer")
except IndexError:
    try:
        pl.throw(TypeError("t"))
    except TypeError as err:
        print(repr(err.__context__))
