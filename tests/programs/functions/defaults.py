def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct
print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", "Yo", "?"))
counter = 10
def snapshot(x=counter):
    return x
counter = 20
print(snapshot(), snapshot(5))
def shared(lst=[]):
    lst.append(1)
    return lst
print(shared(), shared(), shared([0]))
def no_args():
    return "none"
print(no_args())
