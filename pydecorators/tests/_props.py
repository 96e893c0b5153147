"""Property-based testing: hypothesis when installed, else a small seeded stand-in.

The machine's local package index only carries a CPython-3.11-specific
hypothesis wheel, so on 3.12/3.13 the properties run through this fallback:
the same strategies, sampled with a fixed seed plus the usual edge cases.
"""
try:
    from hypothesis import given, settings, strategies as st  # noqa: F401
    HAVE_HYPOTHESIS = True
except ImportError:  # pragma: no cover - exercised on interpreters without hypothesis
    import functools
    import math
    import random

    HAVE_HYPOTHESIS = False
    EXAMPLES = 300

    class _Strategy:
        def __init__(self, draw, edges=()):
            self.draw = draw      # rng -> value
            self.edges = list(edges)

        def map(self, f):
            return _Strategy(lambda r: f(self.draw(r)), [f(e) for e in self.edges])

        def __or__(self, other):
            return _Strategy(lambda r: (self if r.random() < 0.5 else other).draw(r),
                             self.edges + other.edges)

    class st:  # noqa: N801 - mirrors hypothesis.strategies
        @staticmethod
        def integers(min_value=None, max_value=None):
            lo = -2**128 if min_value is None else min_value
            hi = 2**128 if max_value is None else max_value

            def draw(r):
                k = r.random()
                if k < 0.4:
                    return r.randint(max(lo, -1000), min(hi, 1000))
                if k < 0.7:
                    bits = r.randint(1, max(1, max(abs(lo), abs(hi)).bit_length()))
                    v = r.getrandbits(bits) * r.choice((1, -1))
                    return min(max(v, lo), hi)
                return r.randint(lo, hi)
            edges = [v for v in (0, 1, -1, lo, hi, 2**63 - 1, -2**63, 2**63, 2**53 + 1)
                     if lo <= v <= hi]
            return _Strategy(draw, edges)

        @staticmethod
        def booleans():
            return _Strategy(lambda r: r.random() < 0.5, [True, False])

        @staticmethod
        def none():
            return _Strategy(lambda r: None, [None])

        @staticmethod
        def floats(allow_nan=True, allow_infinity=True):
            specials = [0.0, -0.0, 1.0, -1.5, 5e-324, 1.7976931348623157e308]
            if allow_nan:
                specials.append(math.nan)
            if allow_infinity:
                specials += [math.inf, -math.inf]

            def draw(r):
                k = r.random()
                if k < 0.2:
                    return r.choice(specials)
                if k < 0.6:
                    return r.uniform(-1e6, 1e6)
                return r.choice((1, -1)) * math.ldexp(r.random(), r.randint(-1070, 1023))
            return _Strategy(draw, specials)

        @staticmethod
        def lists(elements, max_size=10):
            return _Strategy(lambda r: [elements.draw(r) for _ in range(r.randint(0, max_size))],
                             [[]] + [[e] for e in elements.edges])

    def settings(**kwargs):
        return lambda f: f

    def given(*strategies):
        def deco(test):
            @functools.wraps(test)
            def run(*args):
                rng = random.Random(20240611)
                longest = max((len(s.edges) for s in strategies), default=0)
                for i in range(longest):  # edge cases first, column by column
                    test(*args, *[s.edges[i % len(s.edges)] if s.edges else s.draw(rng)
                                  for s in strategies])
                for _ in range(EXAMPLES):
                    test(*args, *[s.draw(rng) for s in strategies])
            # pytest must not see the strategy parameters as fixtures
            del run.__wrapped__
            run.__signature__ = __import__("inspect").Signature()
            return run
        return deco
