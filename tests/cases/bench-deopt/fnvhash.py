"""A benchmark fixture whose specialized code deopts: an FNV-style hash whose multiply leaves
int64 on some calls. tests/unit/bench.test.ts expects the SPYC_STATS run of `spyc bench` to count
one deopt per overflowing call (expected_deopts, computed here by plain range checks) at the
multiply's line."""
from spyc import checked


@checked
def fnv(n: int, h: int) -> int:
    for i in range(n):
        h = h ^ i
        h = h * 1099511628211
    return h % 1000003


def start(k: int) -> int:
    return 1469598103934665603 if k % 3 else 1


def bench(n: int) -> int:
    return sum(fnv(k % 4, start(k)) for k in range(n))


def expected_deopts(n: int) -> int:
    count = 0
    for k in range(n):
        h = start(k)
        for i in range(k % 4):
            h = (h ^ i) * 1099511628211
            if not -2**63 <= h < 2**63:
                count += 1
                break
    return count


SIZES = {"quick": 30, "full": 30}
