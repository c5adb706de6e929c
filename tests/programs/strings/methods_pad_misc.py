# center/ljust/rjust/zfill (widths below the length, odd padding, non-ASCII fill), expandtabs, translate.
for w in [-1, 0, 3, 4, 5, 6, 7]:
    print(repr("abc".center(w)), repr("ab".center(w, "*")), repr("abc".ljust(w, "é")), repr("abc".rjust(w, "😀")))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "".zfill(3), "abc".zfill(2), "-".zfill(3), "😀".zfill(3))
print(repr("a\tbc\td".expandtabs()), repr("a\tbc\td".expandtabs(4)), repr("ab\n\tc".expandtabs(2)), repr("\t".expandtabs(0)), repr("é\tx".expandtabs(3)))
table = ["", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""]
print("hello".translate([None] * 200), "abc".translate(table))
print("abc".translate(["x"] * 98 + ["B", None]), "a😀".translate(list(range(200))))
s = "Hello, World"
print(s.lower().count("o"), s[::-1].upper(), "".join(s.split(", ")[::-1]), s.split()[-1].strip("d"))
