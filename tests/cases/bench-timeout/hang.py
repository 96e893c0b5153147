"""A benchmark fixture that never finishes once compiled, on purpose: bench() spins while
`helper` is a spyc_function. tests/unit/bench.test.ts expects `spyc bench --timeout` to report
the compiled column as timed out and still measure the others."""
from spyc import checked


@checked
def helper(n: int) -> int:
    return n + 1


def bench(n: int) -> int:
    while type(helper).__name__ == "spyc_function":
        pass
    return helper(n)


SIZES = {"quick": 1, "full": 1}
