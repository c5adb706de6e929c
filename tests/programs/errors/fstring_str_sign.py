name = "ab"
print(f"{name:+}")
