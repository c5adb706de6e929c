print("before")
def div(a, b):
    return a / b
print(div(1, 0))
