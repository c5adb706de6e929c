print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, byteorder='little'))
print((255).to_bytes(), (0).to_bytes(0), (-1).to_bytes(2, 'big', signed=True))
print((-128).to_bytes(1, signed=True), (2**70).to_bytes(10, 'little'), (-2**70).to_bytes(10, signed=True))
print(int.from_bytes(b'\x04\x00'), int.from_bytes(b'\x04\x00', 'little'), int.from_bytes(b'\xff\xff', signed=True))
print(int.from_bytes([1, 2, 3], byteorder='big'), int.from_bytes(b''), (5).from_bytes(bytearray(b'\x80'), signed=True))
print(int.from_bytes((2**100).to_bytes(13, 'big'), 'big') == 2**100, int.from_bytes(b'\x00' * 9 + b'\x80', 'little', signed=True))
# through bool, the class method's result is bool(n), as CPython calls the class on the int
print(bool.from_bytes(b"\x01", "big"), bool.from_bytes(b"\x00\x00", "little"), type(bool.from_bytes(b"\x05", "big")))
