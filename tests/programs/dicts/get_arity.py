# dict.get needs a key.
print({}.get())
