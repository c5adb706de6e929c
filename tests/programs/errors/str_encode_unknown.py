print("a".encode("utf-8"))
print("a".encode("utf-9"))
