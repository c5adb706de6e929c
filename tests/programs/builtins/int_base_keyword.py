# int(x, base=N): the base by name, as CPython allows (x stays positional only).
print(int("ff", base=16), int("0x1f", base=0), int("777", base=8), int("z", base=36))
print(int("1" * 30, base=2), int("-101", base=2))
