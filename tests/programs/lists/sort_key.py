# list.sort(key=, reverse=) is stable in both directions, and sorted() shares it.
def first(pair):
    return pair[0]

def length(s):
    return len(s)

words = ["pear", "fig", "apple", "kiwi", "date", "banana", "plum"]
print(sorted(words, key=length))
print(sorted(words, key=length, reverse=True))
w = list(words)
w.sort(key=length)
print(w)
w.sort(key=length, reverse=True)
print(w)
pairs = []
for i in range(40):
    pairs.append((i * 7 % 5, i))
pairs.sort(key=first)
print(pairs)
pairs.sort(key=first, reverse=True)
print(pairs)
nums = list(range(100, 0, -7))
nums.sort(key=str)
print(nums)
print(sorted(range(10), key=abs), sorted([-3, 2, -1], key=abs, reverse=True), sorted([], key=length))
calls = []

def logged(x):
    calls.append(x)
    return -x

print(sorted([3, 1, 2], key=logged), calls)
