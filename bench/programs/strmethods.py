# strmethods.py: str methods and f-strings: f-string building with format specs, strip, split, join,
# replace, find, startswith, count and str.format. Measures the str methods and "str building" paths
# (FORMAT_VALUE, BUILD_STRING) rather than the interpreter loop. Argument: records (default 300000).
import sys

NAMES = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")


def make_record(i):
    name = NAMES[i % 8]
    return f"  {name},{i},{i * 7 % 1000:04d},{i / 3:.2f},{name.upper()} "


def main():
    n = 300000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    total = 0
    longest = ""
    for i in range(n):
        fields = make_record(i).strip().split(",")
        name = fields[0]
        key = fields[2].replace("0", "o")
        joined = "|".join(fields)
        total = (total * 31 + len(joined) + joined.find("|", 3) + int(fields[1]) % 97) % 1000000007
        if key.startswith("o"):
            total = total + 1
        label = "{}:{:>8}:{:x}".format(name, key, i)
        if label > longest:
            longest = label
        total = (total + len(label) + label.count("o")) % 1000000007
    print(f"total: {total}")
    print("longest: " + longest)


main()
