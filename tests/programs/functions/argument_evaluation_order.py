log = []
def note(x):
    log.append(x)
    return x
def three(a, b, c):
    return a + b + c
print(three(note(1), note(2), note(3)), log)
log = []
print(note(1) + note(2) * note(3), log)
log = []
lst = [note("a"), note("b")]
print(lst, log)
