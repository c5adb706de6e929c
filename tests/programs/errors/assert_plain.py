assert 1 == 1
assert True, "never"
print("ok so far")
assert 1 == 2
