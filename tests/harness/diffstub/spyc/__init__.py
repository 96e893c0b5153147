"""Minimal placeholder for the `spyc` package, used by the differential harness ONLY while
pydecorators/spyc is still empty. It enforces nothing: it exists so that the harness plumbing
can run (both sides import the same placeholder, so no result depends on it)."""

import dataclasses


def checked(fn):
    return fn


def frozen(cls):
    return dataclasses.dataclass(frozen=True)(cls)


class i64(int):
    pass
