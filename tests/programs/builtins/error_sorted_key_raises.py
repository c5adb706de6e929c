def k(x):
    return 1 // 0
sorted([3, 1, 2], key=k)
