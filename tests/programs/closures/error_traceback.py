# An error deep in nested functions: every frame's line, in both tiers.
def outer(n):
    def middle(m):
        def inner(k):
            return 10 // k
        return inner(m - 1)
    return middle(n)


print(outer(3))
print(outer(1))
