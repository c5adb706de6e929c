def p(a, /): pass


p(a=1)
