x = b"caf\u00e9 ok"
y = b"café"
