print(len('ab' * 3))
print('abc' * 3074457345618258603)
