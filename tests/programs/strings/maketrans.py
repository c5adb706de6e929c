# str.maketrans builds the table str.translate reads: from a dict, from two strs, with a third to delete.
table = str.maketrans("abc", "xyz")
print(sorted(table.items()))
print("aabbcc-abc".translate(table))
print("hello world".translate(str.maketrans("lo", "01", " ")))
print(sorted(str.maketrans({"a": "A", 98: None, "c": 67}).items()))
print("abcabc".translate(str.maketrans({"a": "AA", 98: None})))
print("".maketrans("é", "e") == {233: 101}, "café".translate("".maketrans("é", "e")))
