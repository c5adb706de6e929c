# the exception being handled is restored after nested handlers; bare raise re-raises the right one
def nested_reraise():
    try:
        raise KeyError("outer")
    except KeyError:
        try:
            raise ValueError("inner")
        except ValueError:
            pass
        raise

try:
    nested_reraise()
except KeyError as e:
    print("re-raised", repr(e))

def del_in_handler():
    try:
        raise TypeError("t")
    except TypeError as e:
        del e
    return "ok"

print(del_in_handler())

def type_expression_fails():
    try:
        raise ValueError("v")
    except undefined_type:
        pass

try:
    type_expression_fails()
except NameError as e:
    print("NameError:", e, "| context:", repr(e.__context__))

def finally_modifies():
    x = [1]
    try:
        return x
    finally:
        x.append(2)

print(finally_modifies())

def raise_in_else():
    try:
        pass
    except ValueError:
        print("not here")
    else:
        raise IndexError("from else")

try:
    raise_in_else()
except IndexError as e:
    print(e, e.__context__)

def through_map(v):
    if v == 2:
        raise ValueError("two")
    return v

out = []
for v in [1, 2, 3]:
    try:
        out.append(list(map(through_map, [v])))
    except ValueError as e:
        out.append(str(e))
print(out)

it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration:
    print("exhausted")
print(next(it, "default"))

def chain_three():
    try:
        try:
            try:
                raise ValueError(1)
            except ValueError:
                raise KeyError(2)
        except KeyError:
            raise IndexError(3)
    except IndexError as e:
        c = e
        names = []
        while c is not None:
            names.append(type(c).__name__)
            c = c.__context__
        return names

print(chain_three())
