int.nothing
