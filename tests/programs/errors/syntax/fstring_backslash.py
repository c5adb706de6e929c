print(f"{\"a\"}")
