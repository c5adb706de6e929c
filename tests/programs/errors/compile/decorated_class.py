@decorate
class C:
    pass
