# tests/inspect/check_gdb.py stops in the builtin len() called from three compiled functions deep.
def leaf(x):
    return len(x)


def middle(x):
    return leaf(x) + 1


def main():
    total = 0
    for i in range(3):
        total = total + middle([i])
    return total


print(main())
