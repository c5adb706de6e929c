# The methods of bytes (and, through the same code, bytearray): search, split/join, replace, strip, case, hex.
b = b"abcabcabc"
print(b.find(b"c"), b.rfind(b"c"), b.find(99), b.find(b"c", 3, 5), b.find(b""), b.find(b"", 10), b.index(b"ca"), b.rindex(98), b.count(b"a"), b.count(b""), b.count(97, 1))
print(b.startswith(b"ab"), b.startswith((b"x", b"abc")), b.endswith(b"bc", 0, 3), b.endswith(bytearray(b"c")), b.startswith(b"", 9))
print(b"a b  c\t\n".split(), b"  a  b  ".split(None, 1), b"  a  b  ".rsplit(None, 1), b"a,b,,c".split(b","), b"a,b,,c".rsplit(b",", 1), b"".split(), b"".split(b","))
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"".join([]), b", ".join((b"x",)), b"abcabc".replace(b"b", b"XY"), b"abc".replace(b"", b"-"), b"aaa".replace(b"a", b"b", 2))
print(b"  hi \n".strip(), b"xxhixx".strip(b"x"), b"xyhiyx".lstrip(b"xy"), b"xyhiyx".rstrip(b"yx"), b"hi".strip(None), b"\x0b\x0chi".lstrip())
print(b"Hello World 123".upper(), b"Hello World \xc9".lower(), b"k=v=w".partition(b"="), b"k=v=w".rpartition(b"="), b"kvw".partition(b"="), b"kvw".rpartition(b"="))
print(b"\x00\xff\x10".hex(), b"".hex(), b"".fromhex("de ad BE ef"), b"".fromhex(""), b"".fromhex(" 01 02 "), bytearray(b"").fromhex("ff"))
print(b"h\xc3\xa9llo".decode(), b"h\xc3\xa9llo".decode("utf-8"), b"h\xe9".decode("latin-1"), b"abc".decode("ascii"), b"\xf0\x9f\x98\x80".decode(), b"ab".decode("UTF_8"))
print(b"ab\xffcd".decode("utf-8", "replace"), b"ab\xffcd".decode("utf-8", "ignore"), b"\xe2\x82".decode("utf-8", "replace"), b"\xed\xa0\x80x".decode("utf-8", "replace"), b"\x80\xc0".decode("ascii", "replace"))
print("héllo".encode(), "héllo".encode("utf-8"), "héllo".encode("latin-1"), "abc".encode("ascii"), "😀".encode(), "aé€x".encode("ascii", "replace"), "aé€x".encode("latin-1", "ignore"), "".encode())
