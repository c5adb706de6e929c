x = 5
print(f"{x:>3}")
print(f"{x:q}")
