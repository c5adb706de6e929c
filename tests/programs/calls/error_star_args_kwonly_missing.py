def h(a, *args, k): pass


h(1, 2)
