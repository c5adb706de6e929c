[1, 2].pop(index=0)
