z = [0] * 5
print(z, [1, 2] * 3, 2 * [7], [] * 10, [1] * 0, [3] * -2)
print([1, 2] + [3], [] + [], [[0] * 2] * 2)
n = 4
grid = [0] * n
for i in range(n):
    grid[i] = [i] * i
print(grid)
