# strings.py: string building, slicing, %-formatting, str() and character scans.
# Measures allocation of short strings and string comparison. Argument: lines (default 500000).
import sys

WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")


def build(i):
    w = WORDS[i % 8]
    return "%s-%d:%s|%.3f" % (w, i, w[1:3], i / 7.0)


def main():
    lines = 500000
    if len(sys.argv) > 1:
        lines = int(sys.argv[1])
    total = 0
    vowels = 0
    largest = ""
    for i in range(lines):
        line = build(i)
        s = ""
        for k in range(0, len(line), 4):
            s = s + line[k:k + 3] + "%02d" % (k % 100)
        for ch in s:
            if ch == "a" or ch == "e" or ch == "o":
                vowels = vowels + 1
        if s > largest:
            largest = s
        total = (total * 31 + len(s) + len(str(i * 37))) % 1000000007
    print("total: %d vowels: %d" % (total, vowels))
    print("largest: %s" % largest[0:24])


main()
