"""The module's docstring.

It spans lines."""


def documented(a, b=2):
    """Adds a and b.

    Returns their sum."""
    return a + b


def undocumented():
    x = "not a docstring: not the first statement"
    return x


def fstring_is_no_docstring():
    f"{1}"
    return 1


def bytes_is_no_docstring():
    b"raw"


def nested():
    "outer"

    def inner():
        'inner doc'
        return 1

    return inner


print(repr(__doc__))
print(repr(documented.__doc__))
print(documented(1), undocumented.__doc__, fstring_is_no_docstring.__doc__, bytes_is_no_docstring.__doc__)
print(nested.__doc__, nested().__doc__)
print((lambda: 1).__doc__)


def gen():
    """A generator's docstring."""
    yield 1


print(gen.__doc__, list(gen()))
# The docstring is constant 0 and other constants still work.
def uses_constants():
    "doc"
    return "doc", 1.5, None


print(uses_constants())
