# Nor is |= with a list.
s = {1}
s |= [2]
