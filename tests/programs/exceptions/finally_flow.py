# finally on return, break, continue and exceptions; a return in finally wins
def ret():
    try:
        return "try"
    finally:
        print("finally after return")

def wins():
    try:
        return "try"
    finally:
        return "finally"

def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally swallowed it"

def nested():
    try:
        try:
            return 1
        finally:
            print("inner finally")
    finally:
        print("outer finally")

print(ret())
print(wins())
print(swallow())
print(nested())

for i in range(6):
    try:
        if i == 1:
            continue
        if i == 4:
            break
        print("body", i)
    finally:
        print("finally", i)
else:
    print("not reached")

n = 0
while True:
    n += 1
    try:
        try:
            if n % 2:
                raise ValueError(n)
        except ValueError as e:
            print("odd", e)
            if n > 4:
                break
            continue
        finally:
            print("cleanup", n)
    except:
        pass
    print("even", n)
print("done", n)

def in_handler_return():
    try:
        raise KeyError("k")
    except KeyError as e:
        return "returned from handler " + str(e)
    finally:
        print("finally runs")

print(in_handler_return())

def loop_return():
    for x in [1, 2, 3]:
        try:
            for y in [10, 20]:
                try:
                    if x * y == 40:
                        return (x, y)
                finally:
                    print("inner", x, y)
        except ZeroDivisionError:
            pass
    return None

print(loop_return())

def except_finally_order():
    log = []
    try:
        try:
            log.append("try")
            1 / 0
        except ZeroDivisionError:
            log.append("except")
            raise TypeError("from handler")
        else:
            log.append("else")
        finally:
            log.append("finally")
    except TypeError as e:
        log.append("outer " + str(e))
    return log

print(except_finally_order())
