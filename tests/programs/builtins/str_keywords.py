# str(object=, encoding=, errors=) by name, as CPython takes them.
print(str(object=42), str(object=[1, "a"]), repr(str()), repr(str(encoding="ascii")))
print(str(b"caf\xc3\xa9", encoding="utf-8"), str(b"caf\xc3\xa9", errors="strict"))
print(str(b"a\xffb", "ascii", errors="replace"), str(object=b"xyz", encoding="latin-1"))
print(str(b"a\xffb", encoding="ascii", errors="ignore"))
