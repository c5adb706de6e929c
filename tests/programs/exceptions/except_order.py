# except Exception does not catch KeyboardInterrupt or SystemExit; BaseException does
for exc in [KeyboardInterrupt, SystemExit, ValueError]:
    try:
        try:
            raise exc
        except Exception:
            print("Exception caught", exc.__name__)
    except BaseException as e:
        print("BaseException caught", type(e).__name__)

import sys
try:
    sys.exit(3)
except SystemExit as e:
    print("exit code", e.code)
