print(int("1" * 4300) % 7)
print(int("1" * 5000 + "x"))
