# with statements: a value that is no context manager raises TypeError at the with line, before the body
# runs or its target is bound, in every position (several items, nested, in loops and functions).
# (Context managers written as classes are tested with the classes.)
def first_item():
    try:
        with 1:
            print("never")
    except TypeError as e:
        print("first:", e)


def later_item():
    seen = []
    try:
        with [] as a, "text" as b:
            seen.append("body")
    except TypeError as e:
        print("later:", e, seen)


def in_loop():
    for value in (None, 2.5, (1, 2)):
        try:
            with value as target:
                print("never", target)
        except TypeError as e:
            print("loop:", e)
        else:
            print("never")
    try:
        print(target)
    except UnboundLocalError as e:
        print("target never bound:", e)


first_item()
later_item()
in_loop()
with {} as d:
    print("never")
