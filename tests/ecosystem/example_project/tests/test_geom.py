import math

import pytest

import geom
from geom import vec
from geom.stats import moments


def test_dot():
    assert geom.dot(geom.Vec(1.0, 2.0), geom.Vec(3.0, 4.0)) == 11.0


def test_norm_and_scale():
    v = geom.Vec(3.0, 4.0).scaled(2)
    assert math.sqrt(geom.norm2(v)) == 10.0


def test_moments():
    xs = [1.0, 2.0, 3.0, 4.0]
    assert moments.mean(xs) == 2.5
    assert moments.variance(xs) == 1.25
    assert moments.pairs(5) == 10


def test_contract_violations_are_raised():
    # three contract violations, each caught here: counted in the plugin's summary
    with pytest.raises(TypeError):
        geom.dot(geom.Vec(1.0, 2.0), (3.0, 4.0))
    with pytest.raises(OverflowError):
        vec.tri(2 ** 64)
    with pytest.raises(TypeError):
        moments.mean((1.0, 2.0))


def test_compiled():
    # differs on purpose: passes only when the functions are compiled by spyc
    # (`pytest --spyc=both` must report it)
    assert type(vec.dot).__name__ == "spyc_function"
    assert type(moments.mean).__name__ == "spyc_function"


@pytest.mark.skipif(type(vec.dot).__name__ != "spyc_function", reason="interpreted")
def test_skipped_when_interpreted():
    assert vec.tri(4) == 6
