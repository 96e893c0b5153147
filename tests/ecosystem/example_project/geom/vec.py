from spyc import checked, frozen, i64


@frozen
class Vec:
    x: float
    y: float

    @checked
    def scaled(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k)


@checked
def dot(a: Vec, b: Vec) -> float:
    return a.x * b.x + a.y * b.y


@checked
def norm2(a: Vec) -> float:
    return dot(a, a)


@checked
def tri(n: i64) -> i64:
    s = 0
    for i in range(n):
        s += i
    return s
