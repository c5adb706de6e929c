nums = [5, 3, 8, 1]
print(len(nums), sum(nums), min(nums), max(nums))
total = 0
for n in nums:
    total += n
print(total)
print(sum([0.5, 0.25]), sum([]), max([1.5, 2]), min(-1, -2.5))
