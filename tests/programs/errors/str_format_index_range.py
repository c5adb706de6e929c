print("{0}".format(7))
print("{2}".format(7, 8))
