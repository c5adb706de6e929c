# Two strs of different lengths: ValueError with CPython's message.
print(str.maketrans("ab", "c"))
