# str() takes object, encoding and errors by name, nothing else.
print(str(value=1))
