print("ab" * 2**70)
