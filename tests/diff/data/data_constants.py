"""Literal constants that are easy to get wrong when emitted as C: NUL bytes, lone surrogates,
non-ASCII and astral characters, escapes, comment terminators, trigraphs, huge/odd numbers."""
from spyc import checked


@checked
def nul_strings() -> tuple:
    s = "a\x00b"
    b = b"\x00\xff\x00"
    return s, len(s), b, len(b), s.split("\x00")


@checked
def surrogates() -> tuple:
    s = "\ud800x\udfff"
    return len(s), [hex(ord(c)) for c in s], s.encode("utf-8", "surrogatepass")


@checked
def unicode_text() -> tuple:
    s = "héllo wörld ☃ 𝄞 \N{GREEK SMALL LETTER ALPHA}"
    return s, len(s), s.upper(), s.encode("utf-8"), ascii(s)


@checked
def c_lookalikes() -> list:
    return ["*/", "/*", "// not a comment", "??=", "??/", "\\", "\\n", '"quoted"', "'", "%d %s %%", "{}", "\t\r\n\v\f", "end\\"]


@checked
def comment_breaker(x: int) -> str:
    y = x  # a comment with */ and /* and \
    return "result */ %d /* ok" % y


@checked
def numbers() -> list:
    return [0x7FFFFFFFFFFFFFFF, 0x8000000000000000, -0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 2**64, 10**30,
            1_000_000, 0o777, 0b1011, 1e308, 1e309, -1e309, 5e-324, 2.2250738585072014e-308, 0.1, 1.7976931348623157e308,
            -0.0, 3j, 1.5e-7j]


@checked
def neg_zero_constants() -> tuple:
    a = -0.0
    b = 0.0
    return repr(a), repr(b), repr(-b), repr(a + 0.0), repr(a * 1)


@checked
def big_constant_arith(n: int) -> int:
    return n * 123456789012345678901234567890 + 0xDEADBEEFDEADBEEFDEADBEEF


@checked
def bytes_literals() -> tuple:
    return b"", b"\\", b"\x7f\x80", b"abc" * 2, bytes(3), bytearray(b"xy")


@checked
def long_string() -> int:
    s = "x" * 5000 + "0123456789" * 700
    return len(s) + s.count("9")


@checked
def docstring_fn() -> str:
    """Docstring with "quotes", 'apostrophes', \\backslashes\\, */ terminators and ünïcödé."""
    return docstring_fn.__doc__


def café(naïve: int, ß: int = 2) -> int:
    return naïve * ß


@checked
def unicode_names(x: int) -> int:
    π = 3
    return café(x) + π


def test_nul_strings():
    return nul_strings()


def test_surrogates():
    return surrogates()


def test_unicode_text():
    return unicode_text()


def test_c_lookalikes():
    return c_lookalikes()


def test_comment_breaker():
    return comment_breaker(5)


def test_numbers():
    return [repr(v) for v in numbers()]


def test_neg_zero_constants():
    return neg_zero_constants()


def test_big_constant_arith():
    return big_constant_arith(3), big_constant_arith(-(10**40))


def test_bytes_literals():
    return bytes_literals()


def test_long_string():
    return long_string()


def test_docstring():
    return docstring_fn()


def test_unicode_identifiers():
    return unicode_names(4), café(naïve=2, ß=5)


def test_unicode_binding_error():
    return café(1, 2, 3)


def test_unicode_missing_keyword():
    return café(ß=1)
