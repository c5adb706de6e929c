x = "abc"
print(format(x, ">5"))
print(format(x, "d"))
