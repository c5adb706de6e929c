import sys
sys.set_int_max_str_digits(640)
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(639)
