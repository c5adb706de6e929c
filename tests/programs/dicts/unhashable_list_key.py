# A list cannot be a key.
d = {}
d[[1, 2]] = 3
