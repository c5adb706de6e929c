print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "default", "" or [] or 0)
print([] and "x", "a" and "b" and "c", 0 or 0.0 or None)
print(True and False or True, not 1 or 2, not (1 or 2))
