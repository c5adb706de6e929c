# break, continue and return inside a finally body that runs for an exception (it is discarded),
# and inside an except clause with a name
def brk():
    for i in range(5):
        try:
            if i == 2:
                raise ValueError(i)
        finally:
            if i == 2:
                break
    return i

def cont():
    seen = []
    for i in range(4):
        try:
            if i % 2:
                raise KeyError(i)
            seen.append(i)
        finally:
            if i % 2:
                continue
    return seen

def ret_in_handler_finally():
    try:
        try:
            raise TypeError("inner")
        except TypeError as e:
            try:
                raise ValueError("in handler")
            finally:
                return "returned with " + str(e)
    finally:
        print("outer finally")

def loop_in_handler():
    try:
        raise IndexError("x")
    except IndexError as e:
        for k in range(3):
            if k == 1:
                return (k, str(e))

print(brk(), cont(), ret_in_handler_finally(), loop_in_handler())
import sys
print(sys.exc_info())
try:
    raise ValueError("v")
except ValueError:
    info = sys.exc_info()
    print(info[0].__name__, info[1], len(info))
print(sys.exc_info())
