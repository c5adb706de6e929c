s = "naïve café ☕ 日本"
print(s, len(s), s[6], s[-2:])
print("\u65e5\u672c", "\U0001F600")
t = "😀x"
print(len(t), t[1], t[0] == "\U0001F600")
