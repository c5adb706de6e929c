b = b"ab"
print(b[1])
print(b[2])
