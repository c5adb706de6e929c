sorted([1], reverse=None)
