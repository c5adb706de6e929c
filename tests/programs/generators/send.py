# send(): the value of the yield expression; a just-started generator only takes None.
def echo():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total

e = echo()
print(next(e), e.send(5), e.send(7))
try:
    e.send(None)
except StopIteration as s:
    print("returned", s.value)
try:
    e.send(1)
except StopIteration as s:
    print("finished:", s.args)

fresh = echo()
try:
    fresh.send(1)
except TypeError as err:
    print("TypeError:", err)
print(fresh.send(None))   # a TypeError leaves it unstarted
print(fresh.send(2))

def accumulate():
    items = []
    while True:
        item = yield len(items)
        if item == "stop":
            return items
        items.append(item)

acc = accumulate()
next(acc)
for word in ["a", "b", "c"]:
    print(acc.send(word), end=" ")
print()
try:
    acc.send("stop")
except StopIteration as s:
    print(s.value)

# a coroutine-style running average
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count

avg = averager()
next(avg)
print(avg.send(10), avg.send(30), avg.send(5))
# send wrong arity
try:
    avg.send()
except TypeError as err:
    print("TypeError")
