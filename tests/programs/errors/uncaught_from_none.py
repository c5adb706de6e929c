try:
    raise ValueError("hidden")
except ValueError:
    raise TypeError("shown alone") from None
