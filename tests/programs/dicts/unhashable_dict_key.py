# Neither can a dict, in a display or as a lookup.
print({1: 2}.get({}))
