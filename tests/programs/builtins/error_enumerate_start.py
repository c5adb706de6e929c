enumerate([1], start='a')
