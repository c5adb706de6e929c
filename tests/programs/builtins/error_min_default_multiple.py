min(1, 2, default=3)
