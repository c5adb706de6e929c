filter(None)
