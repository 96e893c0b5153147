"""64-bit masked arithmetic as hashing and RNG code writes it: `& MASK64` after multiplies,
`% 2**64`, constants at or above 2**63, xorshifts. Values in [2**63, 2**64) are exact unsigned
machine words in compiled code; everything else (negative values, unmasked products, shifts past
64, mixing with unbounded ints) must keep Python's exact results."""
from spyc import checked

MASK64 = 0xFFFF_FFFF_FFFF_FFFF
GOLDEN = 0x9E37_79B9_7F4A_7C15
FNV_OFFSET = 0xCBF2_9CE4_8422_2325
FNV_PRIME = 0x100_0000_01B3
BIG = 2**63 + 5


@checked
def fnv1a(key: int) -> int:
    h = FNV_OFFSET
    while key:
        h ^= key & 0xFF
        h = (h * FNV_PRIME) & MASK64
        key >>= 8
    return h


@checked
def splitmix(z: int) -> int:
    z = (z + GOLDEN) & MASK64
    z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9 & MASK64
    z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB & MASK64
    return z ^ (z >> 31)


@checked
def xorshift(state: int, n: int) -> list[int]:
    out = []
    for _ in range(n):
        state ^= (state << 13) & MASK64
        state ^= state >> 7
        state ^= (state << 17) & MASK64
        out.append(state)
    return out


@checked
def mod_pow2(a: int, b: int) -> int:
    return (a * b + 12345) % 2**64


@checked
def chain(n: int) -> int:
    h = 0
    for i in range(n):
        h = splitmix(h ^ i)
    return h


@checked
def compare(a: int, b: int) -> tuple[bool, bool, bool, int]:
    h = (a * GOLDEN) & MASK64
    return h > b, h == b, b < h, max(h, b) - min(h, b)


@checked
def unmasked(a: int) -> int:
    h = (a * GOLDEN) & MASK64
    return h * 3 + h - (h << 2)        # leaves 64 bits: exact big ints


@checked
def shifts(a: int, k: int) -> tuple[int, int, int]:
    h = (a * GOLDEN) & MASK64
    return h >> k, (h << k) & MASK64, h << k


@checked
def negative_mix(a: int) -> int:
    h = (a * GOLDEN) & MASK64
    return -h + (~h) + abs(a - h)


@checked
def store(n: int) -> list[int]:
    xs = [0] * n
    for i in range(n):
        xs[i] = splitmix(i)
    xs.append(fnv1a(n))
    return xs


@checked
def rebound(n: int) -> int:
    x = BIG
    t = 0
    for i in range(n):
        t = (t + x) & MASK64
        x = i - 3          # the local holds negative ints too
    return t + x


@checked
def divide(a: int, d: int) -> tuple[int, int]:
    h = (a * GOLDEN) & MASK64
    return h // d, h % d


def test_fnv():
    return [fnv1a(k) for k in (0, 1, 255, 256, 2**40 + 7, 10**18)]


def test_splitmix():
    return [splitmix(z) for z in (0, 1, 2**63, MASK64, 12345)]


def test_splitmix_negative():
    return splitmix(-1), splitmix(-(2**70))


def test_splitmix_big():
    return splitmix(2**100 + 3)


def test_xorshift():
    return xorshift(88172645463325252, 20)


def test_mod_pow2():
    return [mod_pow2(a, b) for a, b in ((3, 5), (2**62, 7), (-5, 3), (MASK64, MASK64), (2**80, 3))]


def test_chain():
    return chain(500)


def test_compare():
    return [compare(a, b) for a, b in ((1, 0), (7, 2**63), (3, -1), (5, 2**64 + 1), (0, 0))]


def test_unmasked():
    return [unmasked(a) for a in (1, 2, 12345, -7)]


def test_shifts():
    return [shifts(a, k) for a, k in ((1, 0), (3, 1), (5, 63), (7, 64), (9, 70), (11, 130))]


def test_shifts_negative():
    return shifts(3, -1)


def test_negative_mix():
    return [negative_mix(a) for a in (0, 1, 99, -3)]


def test_store():
    return store(12)


def test_rebound():
    return rebound(0), rebound(1), rebound(10)


def test_divide():
    return [divide(a, d) for a, d in ((1, 3), (77, -5), (2, 2**64), (3, 1))]


def test_divide_zero():
    return divide(5, 0)


def test_contract():
    return fnv1a("x")


LOG = []


@checked
def bucket(z: int, bits: int) -> int:
    LOG.append(z)
    return splitmix(z) >> (64 - bits)


@checked
def spread(ids: list[int], bits: int) -> tuple[int, int]:
    counts = [0] * (1 << bits)
    mask = (1 << bits) - 1
    for i in ids:
        counts[fnv1a(i) & mask] += 1
        counts[bucket(i, bits)] += bucket(i + 1, bits)
    return max(counts), sum(counts)


@checked
def store_at(ids: list[int], n: int) -> list[int]:
    slots = [0] * n
    for i in ids:
        slots[bucket(i, 3) % n] = bucket(i * 7, 2)
    return slots


@checked
def unbound_store(ids: list[int], flag: bool) -> int:
    if flag:
        slots = [0] * 8
    for i in ids:
        slots[bucket(i, 3)] += 1       # UnboundLocalError before bucket() runs when not flag
    return 0


def test_spread():
    LOG.clear()
    r = spread([3, 1, 4, 1, 5, 9, 2, 6] * 5, 4)
    return r, len(LOG), LOG[:6]


def test_store_at():
    LOG.clear()
    return store_at(list(range(40)), 5), LOG[:4]


def test_store_at_index_error():
    LOG.clear()
    try:
        store_at([1, 2, 3], 0)
    except ZeroDivisionError as e:
        return "zde", str(e), LOG


def test_unbound_store():
    LOG.clear()
    try:
        unbound_store([1, 2], False)
    except UnboundLocalError as e:
        return "unbound", str(e), LOG
