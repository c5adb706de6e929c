print('single', "double", '''triple
single''', """triple "double" """)
print("tab\tnewline\nquote\"apos\'backslash\\")
print('\x41\x42', '\u00e9', '\101', '\0' == '\x00', len('\0'))
print(r"raw\n\t", R'raw\'', len(r'\n'))
print("adjacent" ' literals' """ joined""")
print("unicode: héllo wörld", len("héllo"))
print('it\'s', "say \"hi\"")
print("a\
b")
print('unknown \d escape')
