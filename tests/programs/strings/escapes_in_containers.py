print(["a\nb", "c\td", "\x00", "\\", "é", "\x7f"])
print(("quote'", 'dq"', "both'\""))
print("%r" % "tab\t")
