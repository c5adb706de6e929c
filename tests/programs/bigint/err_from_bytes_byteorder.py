print(int.from_bytes(b"a", "middle"))
