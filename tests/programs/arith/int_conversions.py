print(int("  12 "), int("-7"), str(-12), str(12.5), bool(0), bool(3), bool(""), bool("x"))
print(abs(-2.5), abs(0), min(3, 1, 2), max(3, 1, 2), sum([1, 2, 3]), min([4, 5]), max("abc"))
print(len("hello"), len([1, 2]), len(()), len(range(10)))
