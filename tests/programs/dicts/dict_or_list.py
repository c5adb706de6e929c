# dict | list is not supported (|= with pairs is).
print({1: 2} | [(3, 4)])
