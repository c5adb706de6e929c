total = (1 +
         2 +
         3)
items = [
    1,
    2,  # comment inside brackets
    3,
]
value = 1 + \
    2
print(total, items, value)
print("a",
      "b", sep="-")
def f(a,
      b=2):
    return a + b
print(f(1,
        2), f(
    5))
