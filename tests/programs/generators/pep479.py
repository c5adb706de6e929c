# PEP 479: a StopIteration raised inside a generator becomes RuntimeError.
def bad():
    yield 1
    raise StopIteration("inner")

try:
    list(bad())
except RuntimeError as err:
    print("RuntimeError:", err)
    print("cause:", repr(err.__cause__), err.__suppress_context__)

def calls_next():
    it = iter([])
    yield next(it)

try:
    for x in calls_next():
        print(x)
except RuntimeError as err:
    print("RuntimeError:", err, type(err.__cause__).__name__)

# caught inside the generator it is fine
def careful():
    it = iter([1])
    while True:
        try:
            v = next(it)
        except StopIteration:
            return "exhausted"
        yield v

print(list(careful()))

# already executing
def me():
    yield next(gen_me)

gen_me = me()
try:
    next(gen_me)
except ValueError as err:
    print("ValueError:", err)

def sender():
    yield gen_s.send(None)

gen_s = sender()
try:
    next(gen_s)
except ValueError as err:
    print("ValueError:", err)

def thrower():
    try:
        yield gen_t.throw(KeyError)
    except ValueError as err:
        print("inner saw", err)
        yield "recovered"

gen_t = thrower()
print(next(gen_t, "no"))
