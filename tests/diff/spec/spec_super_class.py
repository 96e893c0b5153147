"""Zero-argument super() (and __class__) in methods with specialized bodies. Plain methods with int
and float loops get speculative bodies by default; a @checked method of a plain subclass has typed
int locals and calls super().method() inside its loop. super() and __class__ run in islands of the
specialized body (statements, if/while tests, a generic for's iterable), which must see the
method's first argument and class cell as its generic code does: also after the first argument is
rebound or deleted (`super().name`: UnboundLocalError from 3.12 on, CPython's LOAD_SUPER_ATTR reads
it as a local), when a generator in the method makes it a cell, in a subclass inheriting the
method, and while the class body still runs (its __class__ cell empty)."""
from spyc import checked


class Shape:
    def __init__(self, n: int, scale: float):
        self.n = n
        self.scale = scale
        self.log = []

    def area(self, k: int) -> float:
        return self.scale * k

    def total(self, n: int) -> float:
        t = 0.0
        for i in range(n):
            t += self.area(i)
        return t

    def weight(self, i: int) -> int:
        return i * 2 + 1

    def ok(self, i: int) -> bool:
        return i % 3 != 0

    def parts(self, n: int):
        return range(n, 0, -1)


class Square(Shape):
    def __init__(self, n: int, scale: float):
        super().__init__(n, scale)
        acc = 0
        for i in range(n):
            acc += i * i
            self.log.append(i)
        self.acc = acc
        # a generator reading self makes self a cell of the code object
        self.marks = tuple(self.scale * j for j in range(n))

    def area(self, k: int) -> float:
        s = 0.0
        for j in range(k):
            s += 0.5 * j
            base = super().area(j)
            s += base
        return s

    def total(self, n: int) -> float:
        base = super().total(n)
        extra = 0.0
        x = 1.5
        while n > 0:
            extra += x * n
            n -= 1
        return base + extra

    def names(self, n: int) -> list:
        out = []
        k = 0
        for i in range(n):
            k += i
            out.append((k, __class__.__name__, type(self).__name__))
        return out

    def weight(self, i: int) -> int:
        w = 0
        for j in range(i):
            w += j
        return w + super().weight(i)

    def counted(self, n: int) -> int:
        c = 0
        for i in range(n):
            if super().ok(i):
                c += i
        for p in super().parts(n):
            c += p * 2
        return c + sum(self.weight(j) for j in range(2))

    def rebound(self, other, n: int) -> int:
        t = 0
        for i in range(n):
            t += i
        self = other
        return t + super().weight(n)

    def deleted(self, n: int):
        t = 0
        for i in range(n):
            t += i
        del self
        try:
            return t + super().weight(n)
        except RuntimeError as e:  # 3.11; 3.12+ reads self as a local: UnboundLocalError
            return str(e)

    def deleted_call(self, n: int):
        t = 0.5
        while n > 0:
            t *= n
            n -= 1
        del self
        try:
            s = super()
        except RuntimeError as e:  # every version: super() itself finds no first argument
            return t, str(e)
        return s.weight(n)


class Doubled(Square):
    def from_iterable(self, n: int) -> list:
        # the first iterable is evaluated in the method: its super() is the method's
        t = 0
        for i in range(n):
            t += i
        return [w + t for w in super().parts(n)]

    def in_comprehension(self, n: int):
        # in the comprehension's own scope super() gets the comprehension's iterator (3.11) or,
        # inlined (3.12+), the method's first argument
        t = 0
        for i in range(n):
            t += i
        try:
            return [super().weight(i) for i in range(n)], t
        except TypeError as e:
            return str(e)

    def in_generator(self, n: int):
        # a generator expression is a function of its own on every version
        t = 0.0
        for i in range(n):
            t += i / 2
        try:
            return sum(super().weight(i) for i in range(n)), t
        except TypeError as e:
            return str(e)


class Cube(Square):
    @checked
    def score(self, n: int) -> int:
        s: int = 0
        hits: int = 0
        for i in range(n):
            s += i * 3
            w = super().weight(i)
            self.log.append(w)
            if super().ok(i):
                hits += 1
        self.log.append(tuple(self.ok(j) for j in range(3)))
        return s * 1000 + hits

    @checked
    def mixed(self, n: int) -> float:
        t: float = 0.0
        k: int = 0
        while k < n:
            t += super().area(k)
            k += 1
            self.log.append(k)
        return t

    @checked
    def owner(self, n: int) -> str:
        k: int = 0
        for i in range(n):
            k += i
        return f"{__class__.__name__}:{k}"


class Tesseract(Cube):
    def weight(self, i: int) -> int:
        return -i


class Early(Shape):
    def probe(self, n: int) -> int:
        t = 0
        for i in range(n):
            t += i
        return super().weight(n) + t

    # the class does not exist yet: its __class__ cell is empty
    try:
        EARLY = probe(Shape(1, 1.0), 3)
    except (NameError, RuntimeError) as e:
        EARLY = f"{type(e).__name__}: {e}"


def test_init_chain():
    sq = Square(6, 2.0)
    cu = Cube(4, 0.5)
    return sq.acc, sq.log, sq.marks, cu.acc, cu.log, cu.marks, sq.n, cu.scale


def test_overrides():
    sq = Square(3, 1.5)
    return [sq.area(k) for k in range(5)], sq.total(6), sq.weight(5), sq.counted(7)


def test_class_cell():
    return Square(2, 1.0).names(3), Tesseract(2, 1.0).names(2), Tesseract(1, 1.0).owner(4)


def test_first_arg_rebound():
    sq = Square(2, 1.0)
    out = [sq.rebound(Cube(1, 1.0), 4)]
    try:
        out.append(sq.rebound(Shape(1, 1.0), 4))
    except TypeError as e:
        out.append(str(e))
    return out


def test_first_arg_deleted():
    sq = Square(2, 1.0)
    out = [sq.deleted_call(4)]
    try:
        out.append(sq.deleted(3))
    except NameError as e:
        out.append((type(e).__name__, str(e)))
    return out


def test_comprehension_scope():
    d = Doubled(2, 1.0)
    return d.from_iterable(3), d.in_comprehension(4), d.in_generator(3)


def test_empty_class_cell():
    return Early.EARLY, Early(1, 1.0).probe(4)


def test_checked_super_loop():
    cu = Cube(3, 2.0)
    cu.log.clear()
    r = cu.score(8)
    return r, cu.log, cu.mixed(5)


def test_checked_super_subclass():
    te = Tesseract(2, 1.0)
    te.log.clear()
    return te.score(6), te.log, te.mixed(3), te.weight(4), te.counted(5)


def test_checked_contract():
    try:
        return Cube(1, 1.0).score(2.5)
    except TypeError as e:
        return type(e).__name__
