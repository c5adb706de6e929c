for n in [0, 1, 2]:
    print("zero" if n == 0 else "one" if n == 1 else "many")
x = 5
y = x * 2 if x > 3 else x - 1
print(y, (1 if True else 2) + 10)
