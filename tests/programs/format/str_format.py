# str.format: automatic and manual numbering, indexing into arguments, nested fields in specs, conversions,
# {{ }} escapes; and the format() builtin.
print("{} {}".format(1, "a"), "{0}{1}{0}".format("x", "y"), "{}".format([1, 2]), "{!r}".format("q"), "{!a}".format("é"))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"), "{0:>{1}}|".format("w", 6), "{:{}{}}|".format(7, "<", 4), "{:.{}f}".format(3.14159, 2))
print("{0[1]}".format([5, 6]), "{0[0][1]}".format([[1, 2]]), "{[2]}".format("abc"))
print("{{}} {{{}}}".format(9), "{:,}".format(1234567), "{:_b}".format(255), "{:e}".format(12345.678), "{:g}".format(0.00001234))
print("{0!r:^9}|{0!s:^9}|".format("z"), "{:%}".format(0.125), "{:+.2f} {:+.2f}".format(1, -1), "{:=+8.2f}".format(-3.5))
print(format(3.5), format(42, "x"), format("s", ">3"), format(1234.5, ",.1f"), format(True), format(True, "d"), format(None))
print(format(12, ""), format(-7, "b"), format(2 ** 62, ","), format(-9223372036854775807 - 1, "_x"), format(1e300, ".3g"), format(5e-324), format(0.1, ".20f"))
print(ascii("héllo😀\n"), ascii([1, "é"]), ascii(1.5), ascii("plain"))
print("".format(), "x".format(1, 2, 3), "{}-{}".format("a", "b"))
