"""Test stub of the spyc package (used only when the real pydecorators package is absent)."""


def checked(fn):
    return fn


def frozen(cls):
    for v in list(vars(cls).values()):
        if hasattr(v, "__spyc_set_owner__"):
            v.__spyc_set_owner__(cls)
    return cls
