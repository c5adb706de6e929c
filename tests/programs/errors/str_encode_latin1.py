print("é".encode("latin-1"))
print("x😀".encode("latin-1"))
