x = 3037000500
print(x)
print(x * x)
