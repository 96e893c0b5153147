"""Iteration edge cases in compiled loops: StopIteration raised in a loop body is an error,
not the end of the loop; the same iterator advanced inside the body; iterators exhausted
after break; list mutated while iterating; else clauses with exceptions."""
from spyc import checked


@checked
def stop_in_body(xs: list) -> int:
    n = 0
    for x in xs:
        if x == 2:
            raise StopIteration("manual")
        n += 1
    return n


@checked
def advance_inside(xs: list) -> list:
    it = iter(xs)
    out = []
    for x in it:
        out.append((x, next(it, None)))
    return out


@checked
def resume_after_break(xs: list) -> tuple:
    it = iter(xs)
    first = []
    for x in it:
        first.append(x)
        if x >= 2:
            break
    rest = []
    for x in it:
        rest.append(x)
    return first, rest


@checked
def grow_while_iterating(xs: list) -> list:
    for x in xs:
        if x < 5:
            xs.append(x + 3)
    return xs


@checked
def shrink_while_iterating(xs: list) -> list:
    seen = []
    for x in xs:
        seen.append(x)
        if x % 2 == 0:
            xs.remove(x)
    return [seen, xs]


@checked
def set_changed(s: set) -> int:
    for x in s:
        s.add(x + 100)
    return len(s)


@checked
def nested_same_iterable(xs: list) -> list:
    out = []
    for a in xs:
        for b in xs:
            if b > a:
                break
            out.append(a * 10 + b)
    return out


def test_stop_iteration_in_body():
    return stop_in_body([1, 2, 3])


def test_advance_inside():
    return advance_inside([1, 2, 3, 4, 5])


def test_resume_after_break():
    return resume_after_break([1, 2, 3, 4])


def test_grow_while_iterating():
    return grow_while_iterating([1, 2])


def test_shrink_while_iterating():
    return shrink_while_iterating([2, 4, 6, 7, 8])


def test_set_changed_size():
    return set_changed({1, 2})


def test_nested_same_iterable():
    return nested_same_iterable([1, 2, 3])
