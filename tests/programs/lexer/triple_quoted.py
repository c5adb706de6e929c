s = '''line one
line two
  indented "quotes" and 'apostrophes'
'''
print(s)
print(len("""a
b"""))
d = """escape \t in triple \
continued"""
print(d)
