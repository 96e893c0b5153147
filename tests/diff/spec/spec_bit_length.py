"""int.bit_length() on unboxed ints: 64-bit hashing and bucketing code as users write it. Edges:
0, negatives (the bits of |n|), -2**63 (64 bits), ints beyond int64 (generic code), masked
64-bit hashes (unsigned words), a bool receiver (bool's own method), a call in the receiver."""
from spyc import checked

MASK = 0xFFFF_FFFF_FFFF_FFFF


@checked
def bucket(n: int) -> int:
    # the log2 bucket of a size: 0 for 0, else 1 + floor(log2(|n|))
    return n.bit_length()


@checked
def mix(h: int) -> int:
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCD & MASK
    h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53 & MASK
    return h ^ (h >> 33)


@checked
def hash_bits(key: int) -> int:
    h = mix(key)
    return h.bit_length() + (h >> 1).bit_length()


@checked
def width_sum(xs: list[int]) -> int:
    total = 0
    for x in xs:
        total += x.bit_length()
        total += (x * 3 - 1).bit_length()
    return total


@checked
def top_bit(n: int) -> int:
    if n == 0:
        return 0
    b = n.bit_length()
    return 1 << (b - 1)


@checked
def flag_bits(f: bool) -> int:
    return f.bit_length()


@checked
def nested(n: int) -> int:
    return bucket(n).bit_length() + (-n).bit_length()


EDGES = [0, 1, -1, 2, -2, 3, 255, 256, -256, 2**31, 2**53 + 1, 2**62, -2**62, 2**63 - 1, -2**63 + 1, -2**63,
         2**63, -2**63 - 1, 2**64, 10**30, -(10**30)]


def test_bucket():
    return [bucket(n) for n in EDGES]


def test_hash_bits():
    return [hash_bits(k) for k in range(-50, 50)] + [hash_bits(2**63 - 1), hash_bits(-2**63)]


def test_width_sum():
    return width_sum([0, 1, -1, 7, -8, 2**40, -2**40]), width_sum([2**62, -2**62]), width_sum(EDGES[:14])


def test_width_sum_overflowing_item():
    # x * 3 leaves int64: the rest of that statement runs generically, exactly
    return width_sum([2**62 + 5, 2**63 - 1, -2**63])


def test_top_bit():
    return [top_bit(n) for n in EDGES]


def test_flag_bits():
    return flag_bits(True), flag_bits(False)


def test_nested():
    return [nested(n) for n in EDGES]


def test_bad_argument():
    try:
        return bucket(1.5)
    except TypeError as e:
        return "TypeError", str(e)
