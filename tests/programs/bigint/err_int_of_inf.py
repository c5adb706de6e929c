print(int(1e308 * 10))
