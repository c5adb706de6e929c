f(x for x in "ab", )
