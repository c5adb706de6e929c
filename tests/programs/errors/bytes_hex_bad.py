print(b"".fromhex("0a"))
print(b"".fromhex("0 a"))
