# int() with only a base by name: CPython says the string is missing.
print(int(base=16))
