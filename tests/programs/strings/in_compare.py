s = "hello"
print("ell" in s, "xyz" in s, "" in s, "h" not in s)
print("abc" < "abd", "abc" == "abc", "b" > "abc", "a" != "a", "Z" < "a")
print("abc" <= "abc", "" < "a")
