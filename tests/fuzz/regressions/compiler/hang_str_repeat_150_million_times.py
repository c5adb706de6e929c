print(len('ab' * 3))
print('abc' * 153721853)
