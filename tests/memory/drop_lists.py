# Builds and drops a 1,000-element list a million times. With a working GC, peak memory stays small
# (tests/memory/check_rss.py requires < 50 MB); without one it would need 16 GB.
total = 0
for i in range(1000000):
    items = [i] * 1000
    total += len(items)
print(total)
