# Full case mapping: characters whose upper, lower or title case is several characters (SpecialCasing.txt),
# and a checksum over every mapping of most of the BMP and beyond.
words = ["straße", "ŉ", "İstanbul", "ǰ", "ﬁne", "ΐ", "ὒ", "ᾳ", "Ꭰ", "ꭰ", "ǅungla", "ΣΑΣ", "ßa ßb", "ﬀ"]
for w in words:
    print(repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()), repr(w.swapcase()), repr(w.casefold()))
parts = []
for c in range(0x80, 0x3000):
    parts.append(chr(c))
for c in range(0xa000, 0x20000, 7):
    if not 0xd800 <= c < 0xe000:
        parts.append(chr(c))
allc = "".join(parts)
print(len(allc.upper()), len(allc.lower()), len(allc.title()), len(allc.swapcase()))
total = 0
for ch in allc.upper() + allc.lower() + allc.title() + allc.swapcase():
    total = (total * 31 + ord(ch)) % 1000000007
print(total, allc.upper()[:40])
