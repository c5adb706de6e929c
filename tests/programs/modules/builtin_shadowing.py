def len(x):
    return "my len"
print(len([1, 2]))
def use_max(a, b):
    max = a
    if b > max:
        max = b
    return max
print(use_max(3, 9), max(1, 2))
