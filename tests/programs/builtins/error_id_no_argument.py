id()
