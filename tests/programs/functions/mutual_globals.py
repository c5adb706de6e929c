total = 0
calls = 0
def add(n):
    global total, calls
    calls += 1
    total += n
    if n > 0:
        add(n - 1)
add(10)
print(total, calls)
