# Hung the fuzzer before builtins' loops checked vm->interrupt: the loop is in C (for_each in builtins.c).
print(sum(range(10**15)))
print(max(range(10**15)))
