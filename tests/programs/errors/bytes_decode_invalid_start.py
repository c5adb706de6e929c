print(b"ok".decode())
print(b"\xffabc".decode())
