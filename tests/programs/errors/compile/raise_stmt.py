raise ValueError("bad")
