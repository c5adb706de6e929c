def work():
    raise IndexError("deep")

def middle():
    try:
        work()
    finally:
        print("finally ran")

try:
    middle()
except IndexError:
    print("handler ran")
    raise
