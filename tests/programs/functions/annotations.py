from __future__ import annotations
def add(a: int, b: int = 2) -> int:
    result: int = a + b
    return result
def typed(xs: list[int], name: "str") -> tuple[int, str]:
    total: int
    total = sum(xs)
    return total, name
count: int = 3
label: str
print(add(1), add(1, 5), typed([1, 2], "n"), count)
