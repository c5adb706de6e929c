a = bytearray(b"ab")
a[0] = 255
a[1] = 256
