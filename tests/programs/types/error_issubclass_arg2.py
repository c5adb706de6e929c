issubclass(int, (str, 1))
