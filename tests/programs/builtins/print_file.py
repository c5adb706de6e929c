# print(file=) writes to sys.stdout or sys.stderr; both have write() and flush().
import sys
print("to stdout", file=sys.stdout)
print("to stderr", file=sys.stderr)
print("none is stdout", file=None)
n = sys.stdout.write("written\n")
print(n, sys.stdout.write(""), sys.stderr.write("err\n"))
sys.stdout.flush()
print(sys.stdout)
print(sys.stderr)
print("end", file=sys.stdout, sep="-", end="!\n", flush=True)
