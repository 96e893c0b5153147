"""A benchmark fixture whose compiled build answers differently from CPython, on purpose: the
checksum reads the type name of a function, `function` under CPython and `spyc_function` once
spyc compiles it. tests/unit/bench.test.ts expects `spyc bench` to flag it and exit 1."""
from spyc import checked


@checked
def helper(n: int) -> int:
    return n + 1


def bench(n: int) -> int:
    return helper(n) * 100 + len(type(helper).__name__)


SIZES = {"quick": 1, "full": 1}
