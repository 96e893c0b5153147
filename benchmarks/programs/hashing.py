"""64-bit hashing of order ids (FNV-1a and a splitmix finalizer), written as one would: masks
as module constants, `& MASK64` after every multiply, bit_length for bucket sizing."""
from spyc import checked

MASK64 = 0xFFFF_FFFF_FFFF_FFFF
FNV_OFFSET = 0xCBF2_9CE4_8422_2325
FNV_PRIME = 0x100_0000_01B3


@checked
def fnv1a(key: int) -> int:
    h = FNV_OFFSET
    while key:
        h ^= key & 0xFF
        h = (h * FNV_PRIME) & MASK64
        key >>= 8
    return h


@checked
def mix(z: int) -> int:
    z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9 & MASK64
    z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB & MASK64
    return z ^ (z >> 31)


@checked
def bucket_bits(n: int) -> int:
    return max(1, (n - 1).bit_length())


@checked
def spread(ids: list[int], bits: int) -> tuple[int, int]:
    counts = [0] * (1 << bits)
    mask = (1 << bits) - 1
    for i in ids:
        counts[mix(fnv1a(i)) & mask] += 1
    return max(counts), sum(1 for c in counts if c == 0)


def bench(n: int) -> str:
    ids = [1_000_003 * k + 17 for k in range(n)]
    worst, empty = spread(ids, bucket_bits(n))
    folded = 0
    for i in ids[:1000]:
        folded ^= mix(i)
    return f"worst={worst} empty={empty} folded={folded}"


SIZES = {"quick": 8_000, "full": 80_000}
