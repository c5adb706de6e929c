# Case mapping and the is* predicates, ASCII and beyond (Latin-1, Greek, Cyrillic, non-BMP).
words = ["hello", "HELLO", "Hello World", "hello world", "they're bill's", "ß", "ǅungla", "ÀÉÎõü", "Σίσυφος", "привет", "𝐀b", "ΟΔΟΣ ΣΑΣ Σ", "123abc", "", "a1-b2_c3"]
for w in words:
    print(repr(w), w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold())
tests = ["abc", "ABC", "Abc", "aBc", "123", "١٢٣", "²", "½", "一二", "abc123", "a b", " \t\n", "\u3000", "", "_x1", "1x", "é", "Σ", "Hello World", "Hello world", "hello.world", "\x7f", "a\tb", "𝐀"]
for t in tests:
    print(repr(t), t.isalpha(), t.isdigit(), t.isdecimal(), t.isnumeric(), t.isalnum(), t.isspace(), t.isupper(), t.islower(), t.istitle(), t.isascii(), t.isidentifier(), t.isprintable())
