# < between a set and a list.
print({1} < [1, 2])
