print(not True, not False, not 0, not 1, not "", not "a", not [], not [0], not None, not 0.0)
x = 3
print(not x > 5, not (x > 5), not x is None)
