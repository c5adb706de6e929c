list(zip([1], [2], [3, 4], strict=True))
