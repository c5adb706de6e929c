print(len(range(2**65)))
