a = 1; b = 2; print(a + b);
for i in range(2): print(i); print(-i)
while a < 3: a += 1
def one(): return 1
print(one(), a)
if a == 3: print("three"); print("still")
else: print("no")
