# A method used as a value is bound to its object.
stack = []
push = stack.append
pop = stack.pop
for i in range(5):
    push(i * i)
print(stack, pop(), pop(), stack)
print(repr(push)[:44])
copy = [1, 2].copy
c1 = copy()
c2 = copy()
print(c1, c2, c1 is c2)
s = [3, 1, 2].sort
s(reverse=True)
methods = [stack.append, stack.clear]
methods[0]("x")
print(stack)
methods[1]()
print(stack, len(stack))
print(push == stack.append, push == [].append, type(push))
t = (1, 2, 1).count
print(t(1), t(3))
