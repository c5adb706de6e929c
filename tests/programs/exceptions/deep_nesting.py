# deep nesting of try statements and handlers, and RecursionError caught with the VM still sane
def nest(n):
    if n == 0:
        raise ValueError("bottom")
    try:
        nest(n - 1)
    except TypeError:
        print("never")
    finally:
        if n % 25 == 0:
            print("unwinding", n)

try:
    nest(100)
except ValueError as e:
    print("caught", e)

def depth(n):
    return depth(n + 1)

for attempt in range(3):
    try:
        depth(0)
    except RecursionError as e:
        print("recursion", attempt, e)

def f(level):
    try:
        try:
            try:
                if level:
                    raise KeyError(level)
                return "none"
            except KeyError as e:
                raise IndexError(str(e))
        except IndexError as e:
            raise TypeError(str(e))
    except TypeError as e:
        return "converted " + str(e)

print(f(0), f(3))
print(sum(range(10)))
