x = 5
print(-x, --x, -(-x), +x, ~x, ~~x, not x, not not x)
print(-3.5, +-2, -0, -0.0)
print(- 2 ** 2)
