def parse(text):
    int(text)

def load(text):
    try:
        parse(text)
    except ValueError:
        raise RuntimeError("could not load " + text)

load("abc")
