i = 0
while i < 5:
    i += 1
print(i)
n = 27
steps = 0
while n != 1:
    if n % 2 == 0:
        n //= 2
    else:
        n = 3 * n + 1
    steps += 1
print(steps)
k = 0
while True:
    k += 1
    if k > 100:
        break
print(k)
j = 10
while j:
    j -= 3
    if j < 0:
        break
print(j)
