def search(grid, target):
    r = 0
    while r < len(grid):
        for c in range(len(grid[r])):
            if grid[r][c] == target:
                return r, c
        r += 1
    return None
g = [[1, 2], [3, 4], [5, 6]]
print(search(g, 4), search(g, 7))
def loop_forever():
    while True:
        return "out"
print(loop_forever())
