def v(**kw): pass


v(1)
