print(divmod(7, 2), divmod(7.5, 2))
try_int = 1
print(divmod(1.0, 0.0))
