# __context__, __cause__, __suppress_context__
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during")
except ValueError as e:
    print(repr(e.__context__), e.__cause__, e.__suppress_context__)

try:
    try:
        {}["k"]
    except KeyError as k:
        raise RuntimeError("caused") from k
except RuntimeError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)

try:
    try:
        raise TypeError("t")
    except TypeError:
        raise IndexError("i") from None
except IndexError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)

try:
    raise ValueError("v") from KeyError
except ValueError as e:
    print(repr(e.__cause__))

def reraise_keeps():
    try:
        raise KeyError("a")
    except KeyError as e:
        try:
            raise
        except KeyError as again:
            return again is e, again.__context__

print(reraise_keeps())
