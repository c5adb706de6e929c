map(len)
