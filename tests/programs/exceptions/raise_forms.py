# raise X, raise X(args), raise an instance, bare re-raise, errors of raise itself
def check(f):
    try:
        f()
    except BaseException as e:
        print(type(e).__name__ + ":", e)

def raise_class():
    raise ValueError

def raise_instance():
    raise ValueError("with", "args")

def reraise():
    try:
        raise KeyError("again")
    except KeyError:
        raise

def no_active():
    raise

def not_exception():
    raise 42

def bad_cause():
    raise ValueError("v") from 3

def bad_catch():
    try:
        raise ValueError("v")
    except 42:
        pass

def saved():
    try:
        raise IndexError("first")
    except IndexError as e:
        keep = e
    raise keep

for f in [raise_class, raise_instance, reraise, no_active, not_exception, bad_cause, bad_catch, saved]:
    check(f)
