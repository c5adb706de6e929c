# exception objects: args, str, repr, KeyError's str, the hierarchy, isinstance/issubclass
e = ValueError("x", 2)
print(e.args, str(e), repr(e))
print(repr(ValueError()), str(ValueError()), ValueError().args)
print(repr(ValueError("one")), str(ValueError(1)))
print(str(KeyError("k")), repr(KeyError("k")), str(KeyError()), str(KeyError(1, 2)))
print(type(e) is ValueError, type(e).__name__, isinstance(e, Exception), isinstance(e, BaseException))
print(repr(ValueError), ValueError.__name__)
for t in [ZeroDivisionError, OverflowError, IndexError, KeyError, UnicodeDecodeError, UnicodeEncodeError,
          UnboundLocalError, RecursionError, NotImplementedError, TimeoutError, ModuleNotFoundError,
          StopIteration, KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError, AssertionError,
          AttributeError, TypeError, EOFError, FileNotFoundError]:
    chain = []
    k = t
    for base in [ArithmeticError, LookupError, UnicodeError, ValueError, NameError, RuntimeError, OSError,
                 ImportError, Exception, BaseException]:
        if issubclass(t, base):
            chain.append(base.__name__)
    print(t.__name__, chain)
print(issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, Exception))
print(isinstance(KeyError(), (TypeError, LookupError)))
print(SystemExit(3).code, SystemExit().code, StopIteration(5).value)
print(KeyError("a") == KeyError("a"))
x = RuntimeError("r")
print(x.__context__, x.__cause__, x.__suppress_context__)
try:
    ValueError(x=1)
except TypeError as t:
    print(t)
