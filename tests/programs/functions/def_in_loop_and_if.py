for i in range(3):
    def f():
        return i * 10
    if i == 1:
        break
print(f(), i)
if True:
    def g(x=i):
        return x
else:
    def g():
        return "other"
print(g())
while True:
    def h():
        return "h"
    break
print(h())
