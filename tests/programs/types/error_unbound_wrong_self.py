list.append(1, 2)
