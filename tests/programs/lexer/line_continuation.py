a = 1 + \
    2 + \
    3
if a == 6 and \
   a > 0:
    print("joined", a)
s = "long " \
    "string"
print(s)
