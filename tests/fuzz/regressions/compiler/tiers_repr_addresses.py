def double(x):
    return x * 2
def apply(f, v):
    return f(v)
alias = double
print(apply(double, 4), alias("ab"), apply(len, "four"), apply(abs, -3))
funcs = [double, len, str]
for f in funcs:
    print( alias)
