log = []
def t(x):
    log.append("t" + str(x))
    return True
def f(x):
    log.append("f" + str(x))
    return False
print(f(1) and t(2), log)
log = []
print(t(1) or f(2), log)
log = []
print(f(1) or f(2) or t(3) or t(4), log)
log = []
print(t(1) and t(2) and f(3) and t(4), log)
log = []
if f(1) and t(2):
    print("no")
if t(3) or f(4):
    print("yes")
if not (f(5) or t(6)):
    print("no")
print(log)
log = []
while t(1) and f(2):
    pass
print(log)
x = t(9) if f(8) else f(7)
print(x, log)
