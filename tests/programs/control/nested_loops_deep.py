count = 0
for a in range(4):
    for b in range(4):
        for c in range(4):
            if (a + b + c) % 3 == 0:
                count += 1
                if count > 15:
                    break
        else:
            continue
        break
print(count, a, b, c)
