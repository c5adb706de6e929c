# The guided tour's example (stencils/README.md, vm/README.md): an integer add, compiled and patched.
def add(a, b):
    return a + b


total = 0
for i in range(100):
    total = add(total, i)
print(total)
