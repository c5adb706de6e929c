print("abc".encode("ascii"))
print("aé€b".encode("ascii"))
