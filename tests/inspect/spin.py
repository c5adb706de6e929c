# Runs until stopped: tests/inspect/check_inspect.py reads /proc/PID/maps while spin's machine code runs.
def spin(n):
    total = 0
    i = 0
    while i < n:
        total = total + i % 7
        i = i + 1
    return total


print(spin(1000000000000))
