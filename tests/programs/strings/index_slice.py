s = "hello world"
print(s[0], s[-1], s[4], s[-5])
print(s[1:4], s[:5], s[6:], s[-5:], s[:-6], s[:])
print(s[::2], s[::-1], s[1:8:3], s[-1:-6:-1], s[10:2:-2])
print(s[100:], s[-100:3], s[5:2], len(s[3:3]))
u = "héllo"
print(u[1], u[::-1], u[1:3])
