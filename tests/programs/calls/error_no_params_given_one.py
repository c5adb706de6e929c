def z(): pass


z(1)
