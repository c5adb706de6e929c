import sys
print("exiting")
try:
    sys.exit(4)
finally:
    print("finally before exit")
