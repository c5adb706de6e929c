# dict(5).
print(dict(5))
