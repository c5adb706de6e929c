x = 10**4300
print(len(hex(x)))
print(str(x))
