print("{:>4}".format("ab"))
print("{:,}".format("ab"))
