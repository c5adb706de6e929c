stack = []
for i in range(5):
    stack.append(i * i)
out = []
while stack:
    out.append(stack.pop())
print(out, stack, len(out))
q = [1, 2, 3]
print(q.pop(-1), q.pop(0), q)
