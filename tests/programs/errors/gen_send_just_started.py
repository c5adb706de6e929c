def echo():
    x = yield
    print(x)

echo().send(5)
