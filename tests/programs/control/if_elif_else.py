def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for n in [-5, 0, 3, 42]:
    print(n, classify(n))
x = 5
if x > 3: print("one-line if")
if x > 10:
    print("no")
if not x:
    print("no")
else:
    print("else")
if x: pass
if []:
    print("empty list is truthy?")
elif "":
    print("empty string?")
elif 0.0:
    print("zero float?")
elif None:
    print("None?")
else:
    print("all falsy")
