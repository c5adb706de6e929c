def nothing():
    pass
def bare():
    return
def early(x):
    if x:
        return "early"
    print("fell through")
def multi():
    return 1, [2], "three"
print(nothing(), bare(), early(1), early(0), multi())
def no_return_in_loop(n):
    for i in range(n):
        if i == 100:
            return i
print(no_return_in_loop(3))
