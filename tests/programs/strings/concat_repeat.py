a = "foo"
b = "bar"
print(a + b, a * 3, 3 * b, a * 0, a * -1, "" + "")
c = a
c += b
print(a, c)
print("-" * 20)
