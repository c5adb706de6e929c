# bytes literals and escapes, reprs (quote choice, \x escapes), indexing gives ints, slicing, + * == < in.
b = b"hello world"
print(b, b[0], b[-1], b[1:4], b[::2], b[::-1], b[5:2], len(b), len(b""))
print(b"\x00\x01\x7f\x80\xff", b"tab\there\nnl\rcr", b"quote'single", b'quote"double', b"both'\"", b"back\\slash", rb"\n\x41")
print(b"\101\102\7", b"\q", b"a" b"b" B"c", Rb"\d", b"""tri
ple""")
print(b + b"!", b"ab" * 3, 3 * b"x", b"ab" * 0, b"ab" * -1, b"" + b"")
print(b"abc" == b"abc", b"abc" != b"abd", b"abc" < b"abd", b"ab" < b"abc", b"b" > b"abc", b"" <= b"", b"a" == "a", b"a" == 97)
print(b"lo" in b, b"" in b, 104 in b, 0 in b, b"xyz" not in b, b"o w" in b)
total = 0
for x in b"\x01\x02\xff":
    total = total + x
print(total, list(b"hi"), tuple(b"AB"), bool(b""), bool(b"\x00"), sorted(b"cab"), max(b"abz"), sum(b"\x01\x02"))
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes((0, 255)), bytes(range(5)), bytes(b"copy"), bytes(bytearray(b"ba")))
print(bytes("héllo", "utf-8"), bytes("abc", "ascii"), bytes("é", "latin-1"), str(b"x\xc3\xa9", "utf-8"), str(b"abc"))
print(format(b"ab"), "{}".format(b"\x00"), f"{b'q'}", f"{b'q'!r}", ascii(b"\xff"), repr(b"'"), str(b"'\""))
