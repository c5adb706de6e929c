# Every code point (surrogates aside, which cpvm strs cannot hold) through upper, lower, title, swapcase,
# casefold, repr and the twelve one-character predicates (isupper islower isprintable isdigit isnumeric
# isdecimal isalpha isalnum isspace istitle isidentifier, and "a" + c as an identifier), 4096 at a time, each result folded into one checksum
# per property: any difference from CPython's Unicode database changes a line.
M = (1 << 61) - 1
names = ["upper", "lower", "title", "swapcase", "casefold", "repr", "flags", "flags2"]
sums = [0, 0, 0, 0, 0, 0, 0, 0]


def fold(total, text):
    return (total * 1000003 + int.from_bytes(text.encode("utf-8"), "little")) % M


start = 0
while start < 0x110000:
    chars = []
    flags = []
    flags2 = []
    for c in range(start, start + 4096):
        if 0xD800 <= c < 0xE000:
            continue
        ch = chr(c)
        chars.append(ch)
        flags.append(ch.isupper() + 2 * ch.islower() + 4 * ch.isprintable() + 8 * ch.isdigit() +
                     16 * ch.isnumeric() + 32 * ch.isdecimal() + 64 * ch.isalpha() + 128 * ch.isalnum())
        flags2.append(ch.isspace() + 2 * ch.istitle() + 4 * ch.isidentifier() + 8 * ("a" + ch).isidentifier())
    s = "".join(chars)
    # title() of a whole block would title-case only word starts: map each character on its own
    sums[0] = fold(sums[0], s.upper())
    sums[1] = fold(sums[1], s.lower())
    sums[2] = fold(sums[2], " ".join(chars).title())
    sums[3] = fold(sums[3], s.swapcase())
    sums[4] = fold(sums[4], s.casefold())
    sums[5] = fold(sums[5], repr(s))
    sums[6] = (sums[6] * 1000003 + int.from_bytes(bytes(flags), "little")) % M
    sums[7] = (sums[7] * 1000003 + int.from_bytes(bytes(flags2), "little")) % M
    start += 4096
for i in range(len(names)):
    print(names[i], sums[i])
