round(3.1, x=1)
