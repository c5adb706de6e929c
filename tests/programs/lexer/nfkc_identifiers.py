# Names are NFKC-normalised, as in CPython: the ligature "ﬁ" is "fi", fullwidth letters are plain ones,
# and a name that is already normal (café, π) stays as written.
ﬁ = 3
print(fi)
fi += 1
print(ﬁ)


def ａｒｅａ(ｒ):
    return r * r


print(area(4))
ｐｒｉｎｔ("fullwidth print")
café = "crème"
π2 = 3.14159
print(café, π2)
