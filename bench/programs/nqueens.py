# nqueens.py: counts the solutions of the n-queens problem by backtracking over three occupancy lists.
# Measures recursion, boolean chains and list stores. Argument: n (default 12); solves n three times, then n - 1.
import sys


def place(row, n, cols, diag1, diag2):
    if row == n:
        return 1
    count = 0
    for c in range(n):
        if cols[c] == 0 and diag1[row + c] == 0 and diag2[row - c + n - 1] == 0:
            cols[c] = 1
            diag1[row + c] = 1
            diag2[row - c + n - 1] = 1
            count = count + place(row + 1, n, cols, diag1, diag2)
            cols[c] = 0
            diag1[row + c] = 0
            diag2[row - c + n - 1] = 0
    return count


def solve(n):
    cols = []
    diag1 = []
    diag2 = []
    for i in range(n):
        cols.append(0)
    for i in range(2 * n - 1):
        diag1.append(0)
        diag2.append(0)
    return place(0, n, cols, diag1, diag2)


def main():
    n = 12
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    total = 0
    for k in range(4):
        total = total + solve(n - k // 3)
    print("solutions(%d x3, %d) total: %d" % (n, n - 1, total))


main()
