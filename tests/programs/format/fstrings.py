# f-strings: conversions, the = form (which keeps the source text and defaults to !r), specs with nested
# fields, adjacent literals, escapes in the literal parts, triple quotes, raw f-strings.
x = 42
pi = 3.14159265
name = "wörld"
width = 10
items = [1, 2, 3]
print(f"hello {name}!", f"{x}", f"{x:>5}|", f"{x:<5}|", f"{x:^5}|", f"{-x:+06d}")
print(f"{name!r}", f"{name!s}", f"{name!a}", f"{name!r:>12}", f"{items!r}", f"{items}")
print(f"{x=}", f"{x = }", f"{ x =}", f"{x=:08.3f}", f"{x=!s}", f"{name=!a:>15}", f"{x*2=}", f"{items[1]=}")
print(f"{pi:.{3}f}", f"{pi:{width}.{2}f}|", f"{x:{'*'}^{width}}", f"{name:{'>' if x else '<'}{width}}|")
print(f"{{}}", f"{{{x}}}", f"}}{x}{{", f"a" "b" f"{x}" "c", F"{x}" f'{x}', f"")
print(f"\t{x}\x41\n", rf"\n{x}\t", fR"{x}\{x}", f"{'quoted'}", f'{"dq"}', f"""{'''t'''}""")
print(f"""multi
{x
 + 1}
line""")
print(f"{x == 42}", f"{x != 1}", f"{x >= 2}", f"{(x, x)}", f"{x, pi}", f"{items[::-1]}")
for i in range(4):
    print(f"row {i:>2}: {i * i:4d} {'even' if i % 2 == 0 else 'odd':>5} {i / 3:.3f} {i:#06x} {i:b}")
print(f"{1e10:,.2f}", f"{1234567:_}", f"{0.25:%}", f"{255:#X}", f"{-0.0:z.1f}", f"{'😀':😀^5}", f"{True}", f"{None!r}")
s = f"{x}" + f"{pi:.2f}"
print(s, len(f"{name}{name}"), f"{f'{x}'}", f"{f'{x:>{4}}'}")
