print(b"abc".decode("ascii"))
print(b"ab\xe9".decode("ascii"))
