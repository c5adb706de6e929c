# Methods take iterables.
print({1}.intersection(5))
