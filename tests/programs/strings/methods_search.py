# find/rfind/index/rindex/count/startswith/endswith: code point indices (also past non-BMP characters),
# start/end windows like slices (negative, None, out of range), empty needles.
s = "abcabcabc"
print(s.find("c"), s.rfind("c"), s.find("c", 3), s.find("c", 3, 5), s.find("c", -4), s.rfind("c", 0, -1))
print(s.find(""), s.rfind(""), s.find("", 9), s.find("", 10), s.find("", 4, 2), s.find("zz"), s.find("abc", None, None))
print(s.index("b"), s.rindex("b"), s.index("ca", 1), s.count("a"), s.count("bc", 2), s.count(""), s.count("", 3, 5))
print("".find(""), "".count(""), "".count("a"), "aaaa".count("aa"), "aaa".replace("aa", "b"))
u = "😀é😀x😀"
print(u.find("x"), u.rfind("😀"), u.find("😀", 1), u.index("é"), u.count("😀"), u.count("😀", 1, -1), u.find("", 2))
print(s.startswith("abc"), s.startswith("bc", 1), s.startswith("bc", 1, 2), s.startswith(("x", "ab")), s.startswith(()))
print(s.endswith("abc"), s.endswith("ab", 0, -1), s.endswith(("c", "z")), s.endswith(""), s.endswith("", 20), s.startswith("", 9))
print(u.startswith("😀é"), u.endswith("x😀"), u.endswith("😀", 0, 3), "a".startswith("a", -100, 100))
print("abc" in "xabcx", "" in "", "é" in u, "ab" not in "ba")
