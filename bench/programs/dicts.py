# dicts.py: dict-heavy work: word counting with str keys (in, d[k], d[k] = v, get), a Collatz memo with
# int keys, and loops over keys and items. Argument: the scale (default 500000): scale // 10 words counted
# 40 times (4096 distinct), and the Collatz memo up to scale // 5 (about 220,000 entries: big, but not so
# big that the run only measures cache misses, which cost CPython and cpvm alike).
import sys

SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo")


def make_words(n):
    words = []
    for i in range(n):
        j = (i * 2654435761) % 4096
        words.append(SYLLABLES[j % 8] + SYLLABLES[(j // 8) % 8] + SYLLABLES[(j // 64) % 8] + SYLLABLES[j // 512])
    return words


def count_words(words, rounds):
    counts = {}
    for r in range(rounds):
        for w in words:
            if w in counts:
                counts[w] = counts[w] + 1
            else:
                counts[w] = 1
    rare = 0
    for w in words:
        if counts.get(w, 0) < 12 * rounds + 5:
            rare += 1
    return counts, rare


def collatz(limit):
    memo = {1: 1}
    best = 1
    best_n = 1
    for n in range(2, limit):
        chain = []
        m = n
        while m not in memo:
            chain.append(m)
            if m % 2 == 0:
                m = m // 2
            else:
                m = 3 * m + 1
        length = memo[m]
        while chain:
            length += 1
            memo[chain.pop()] = length
        if length > best:
            best = length
            best_n = n
    return best_n, best, len(memo)


def main():
    limit = 500000
    if len(sys.argv) > 1:
        limit = int(sys.argv[1])
    words = make_words(limit // 10)
    counts, rare = count_words(words, 40)
    weight = 0
    for w, c in counts.items():
        weight = (weight + c * c * len(w)) % 1000000007
    keys = 0
    for w in counts:
        keys += len(w)
    print("words: %d distinct: %d rare: %d weight: %d letters: %d" % (len(words), len(counts), rare, weight, keys))
    n, length, size = collatz(limit // 5)
    print("collatz: %d has %d steps; memo %d" % (n, length, size))


main()
