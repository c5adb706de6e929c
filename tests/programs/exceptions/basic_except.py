# except with a type, a tuple, `as`, bare except, else, and the name deleted after the handler
def divide(a, b):
    return a // b

for b in [2, 0]:
    try:
        r = divide(7, b)
    except ZeroDivisionError as e:
        print("caught:", e)
    else:
        print("no error:", r)

try:
    [1, 2][5]
except (KeyError, IndexError) as e:
    print("tuple match:", type(e).__name__, e)

try:
    int("x")
except:
    print("bare except")

err = None
try:
    raise ValueError("kept")
except ValueError as err:
    pass
try:
    print(err)
except NameError as e:
    print("deleted:", e)

def local_name():
    try:
        raise TypeError("t")
    except TypeError as exc:
        print("in handler:", exc)
    try:
        return exc
    except UnboundLocalError as e:
        return "unbound: " + str(e)

print(local_name())

# the first matching clause wins; a subclass matches its base
try:
    raise KeyError("k")
except LookupError as e:
    print("lookup:", repr(e))
except KeyError:
    print("not reached")
