# leading comment

x = 1  # trailing comment


def f():
    # comment in body

    return x   # another

    # trailing comment in block
print(f())
if x:
        # comment at odd indentation
    print("indented with 4")
