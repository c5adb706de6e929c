print((256).to_bytes(1, "big"))
