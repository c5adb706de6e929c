# Nested functions that call themselves and each other, and a hot closure (the JIT compiles it).
def fact(n):
    def rec(k):
        return 1 if k <= 1 else k * rec(k - 1)
    return rec(n)


print(fact(20))


def parity(n):
    def is_even(k):
        return True if k == 0 else is_odd(k - 1)
    def is_odd(k):
        return False if k == 0 else is_even(k - 1)
    return is_even(n), is_odd(n)


print(parity(10), parity(7))


def fib_memo(n):
    memo = {}
    def fib(k):
        if k < 2:
            return k
        if k not in memo:
            memo[k] = fib(k - 1) + fib(k - 2)
        return memo[k]
    return fib(n)


print(fib_memo(90))


def hot(n):
    scale = 3
    def f(v):
        return v * scale + 1
    total = 0
    for i in range(n):
        total += f(i)
    return total


print(hot(20000))


def make_walker():
    seen = []
    def walk(tree):
        if isinstance(tree, list):
            for t in tree:
                walk(t)
        else:
            seen.append(tree)
        return seen
    return walk


print(make_walker()([1, [2, [3, 4], 5], [[6]]]))
