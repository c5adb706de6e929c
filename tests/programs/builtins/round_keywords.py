print(round(number=2.675, ndigits=2), round(3.14159, ndigits=3), round(number=7.5), round(2.5, ndigits=None), round(1234, ndigits=-2))
