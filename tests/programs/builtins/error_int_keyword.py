# int() takes only base by name: x= is an invalid keyword.
print(int(x="3"))
