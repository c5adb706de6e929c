# Full case mapping: characters whose upper, lower or title case is several characters (SpecialCasing.txt)
# (case_every_code_point.py checks every code point).
words = ["straße", "ŉ", "İstanbul", "ǰ", "ﬁne", "ΐ", "ὒ", "ᾳ", "Ꭰ", "ꭰ", "ǅungla", "ΣΑΣ", "ßa ßb", "ﬀ"]
for w in words:
    print(repr(w.upper()), repr(w.lower()), repr(w.title()), repr(w.capitalize()), repr(w.swapcase()), repr(w.casefold()))
