# iter(function, sentinel) calls function() until it returns the sentinel.
data = [1, 2, 3, 0, 4]
pop = data.pop
it = iter(pop, 2)
print(type(it), repr(it)[:28], list(it), data, list(it))
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 5)), next(iter(tick, 0)))
