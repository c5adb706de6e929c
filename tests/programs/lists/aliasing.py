a = [1, 2, 3]
b = a
b.append(4)
print(a, b, a is b)
c = a[:]
c.append(5)
print(a, c, a is c, a == c[:4])
d = [a] * 2
d[0].append(6)
print(d)
def mutate(lst):
    lst[0] = "changed"
    lst = [0]
    return lst
e = [1]
print(mutate(e), e)
f = [0] * 3
g = f
f += [1]
print(f, g, f is g)
f = f + [2]
print(f, g, f is g)
