def numbers(n):
    for i in range(n):
        yield 10 // (2 - i)

total = 0
for x in numbers(5):
    total += x
print(total)
