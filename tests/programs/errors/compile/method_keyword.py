a = [3, 1]
a.sort(reverse=True)
