def z(): pass


z(x=1)
