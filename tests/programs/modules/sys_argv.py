import sys
print(sys.argv[1:], len(sys.argv))
for a in sys.argv[1:]:
    print("arg:", a)
