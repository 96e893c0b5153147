/* spz/num.h -- generic `+ - * % //` and comparisons with the exact-float and small-int cases inline
 * (what CPython's BINARY_OP_{ADD,SUBTRACT,MULTIPLY}_{FLOAT,INT} and COMPARE_OP_{FLOAT,INT}
 * specializations do); every other operand pair goes through the abstract API, which does
 * everything else, errors included. Exact floats and ints are immutable, so an in-place
 * operator on them is the plain one.
 *
 * spz_num_<op>_s(a, b, own) is the same operation for operands that die at the op: bit 1 of the
 * constant `own` says the call consumes a, bit 2 that it consumes b (always, error or not). A
 * consumed exact float whose only reference is that one receives the result in place, as
 * CPython's float specializations reuse a refcount-1 operand -- no allocation; a consumed
 * one-digit int likewise receives a one-digit result (spz_int_reuse). */
#ifndef SPZ_NUM_H
#define SPZ_NUM_H

/* Exact ints of at most one 30-bit digit ("compact"): their value in *v. */
static inline int spz_small_int(PyObject *o, long *v) {
    if (!PyLong_CheckExact(o)) return 0;
#if PY_VERSION_HEX >= 0x030C0000
    if (!_PyLong_IsCompact((PyLongObject *)o)) return 0;
    *v = (long)_PyLong_CompactValue((PyLongObject *)o);
    return 1;
#else
    Py_ssize_t size = Py_SIZE(o);
    if (size < -1 || size > 1) return 0;
    *v = (long)size * (long)((PyLongObject *)o)->ob_digit[0];
    return 1;
#endif
}

/* An exact int holding one nonzero digit, only referenced by a consumed operand, set to `v`
 * (0 < |v| < 2**30) in place; 0 when `o` is no such int. The int counterpart of the float reuse
 * below (CPython 3.11's _PyLong_AssignValue did this for range loops): unobservable, nothing
 * else refers to it, and small ints (cached, never refcount 1) are never results here. */
static inline int spz_int_reuse(PyObject *o, long v) {
    if (Py_REFCNT(o) != 1 || !PyLong_CheckExact(o)) return 0;
    PyLongObject *l = (PyLongObject *)o;
    digit d = (digit)(v < 0 ? -v : v);
#if PY_VERSION_HEX >= 0x030C0000
    if ((l->long_value.lv_tag >> 3) != 1) return 0;
    l->long_value.lv_tag = ((uintptr_t)1 << 3) | (uintptr_t)(v < 0 ? 2 : 0);
    l->long_value.ob_digit[0] = d;
#else
    if (Py_SIZE(l) != 1 && Py_SIZE(l) != -1) return 0;
    Py_SET_SIZE(l, v < 0 ? -1 : 1);
    l->ob_digit[0] = d;
#endif
    return 1;
}

/* x op y of two compact ints, reusing a consumed refcount-1 operand (own: as spz_num_*_s) when
 * the result is one digit and not a cached small int */
static inline PyObject *spz_int_result(PyObject *a, PyObject *b, int own, long v) {
    if ((v > 256 || v < -5) && v > -((long)1 << PyLong_SHIFT) && v < ((long)1 << PyLong_SHIFT)) {
        if ((own & 1) && spz_int_reuse(a, v)) { if (own & 2) Py_DECREF(b); return a; }
        if ((own & 2) && spz_int_reuse(b, v)) { if (own & 1) Py_DECREF(a); return b; }
    }
    PyObject *r = PyLong_FromLong(v);
    if (own & 1) Py_DECREF(a);
    if (own & 2) Py_DECREF(b);
    return r;
}

#define SPZ_NUM_BINOP(name, api, iapi, op)                                                     \
    static inline PyObject *spz_num_##name##_any(PyObject *a, PyObject *b, int inplace) {        \
        long x, y;                                                                               \
        if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b))                                      \
            return PyFloat_FromDouble(PyFloat_AS_DOUBLE(a) op PyFloat_AS_DOUBLE(b));             \
        if (spz_small_int(a, &x) && spz_small_int(b, &y)) return PyLong_FromLong(x op y);       \
        return inplace ? iapi(a, b) : api(a, b);                                                 \
    }                                                                                            \
    static inline PyObject *spz_num_##name(PyObject *a, PyObject *b) {                           \
        return spz_num_##name##_any(a, b, 0);                                                    \
    }                                                                                            \
    static inline PyObject *spz_num_i##name(PyObject *a, PyObject *b) {                          \
        return spz_num_##name##_any(a, b, 1);                                                    \
    }                                                                                            \
    static inline PyObject *spz_num_##name##_s(PyObject *a, PyObject *b, int own, int inplace) { \
        PyObject *r;                                                                             \
        long x, y;                                                                               \
        if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {                                    \
            double d = PyFloat_AS_DOUBLE(a) op PyFloat_AS_DOUBLE(b);                             \
            if ((own & 1) && Py_REFCNT(a) == 1) {                                                \
                ((PyFloatObject *)a)->ob_fval = d;                                               \
                if (own & 2) Py_DECREF(b);                                                       \
                return a;                                                                        \
            }                                                                                    \
            if ((own & 2) && Py_REFCNT(b) == 1) {                                                \
                ((PyFloatObject *)b)->ob_fval = d;                                               \
                if (own & 1) Py_DECREF(a);                                                       \
                return b;                                                                        \
            }                                                                                    \
            r = PyFloat_FromDouble(d);                                                           \
        } else if (spz_small_int(a, &x) && spz_small_int(b, &y)) {                               \
            return spz_int_result(a, b, own, x op y);                                            \
        } else {                                                                                 \
            r = spz_num_##name##_any(a, b, inplace);                                             \
        }                                                                                        \
        if (own & 1) Py_DECREF(a);                                                               \
        if (own & 2) Py_DECREF(b);                                                               \
        return r;                                                                                \
    }
SPZ_NUM_BINOP(add, PyNumber_Add, PyNumber_InPlaceAdd, +)
SPZ_NUM_BINOP(sub, PyNumber_Subtract, PyNumber_InPlaceSubtract, -)
SPZ_NUM_BINOP(mul, PyNumber_Multiply, PyNumber_InPlaceMultiply, *)

/* a % b and a // b of two compact ints with b != 0, floored as Python's int division is (the
 * quotient and remainder take the sign of b). CPython does not specialize these (BINARY_OP goes
 * through long_mod/long_div), so the inline case is where generic date/calendar arithmetic wins;
 * every other pair, a zero divisor (ZeroDivisionError) and floats go through the abstract API.
 * |a|, |b| < 2**30, so neither the C division nor its correction can overflow a long. */
static inline PyObject *spz_num_mod_any(PyObject *a, PyObject *b, int inplace) {
    long x, y;
    if (spz_small_int(a, &x) && spz_small_int(b, &y) && y != 0) {
        long r = x % y;
        if (r != 0 && ((r ^ y) < 0)) r += y;
        return PyLong_FromLong(r);
    }
    return inplace ? PyNumber_InPlaceRemainder(a, b) : PyNumber_Remainder(a, b);
}
static inline PyObject *spz_num_floordiv_any(PyObject *a, PyObject *b, int inplace) {
    long x, y;
    if (spz_small_int(a, &x) && spz_small_int(b, &y) && y != 0) {
        long q = x / y;
        if (x % y != 0 && ((x ^ y) < 0)) q -= 1;
        return PyLong_FromLong(q);
    }
    return inplace ? PyNumber_InPlaceFloorDivide(a, b) : PyNumber_FloorDivide(a, b);
}
static inline PyObject *spz_num_mod(PyObject *a, PyObject *b) { return spz_num_mod_any(a, b, 0); }
static inline PyObject *spz_num_imod(PyObject *a, PyObject *b) { return spz_num_mod_any(a, b, 1); }
static inline PyObject *spz_num_floordiv(PyObject *a, PyObject *b) { return spz_num_floordiv_any(a, b, 0); }
static inline PyObject *spz_num_ifloordiv(PyObject *a, PyObject *b) { return spz_num_floordiv_any(a, b, 1); }

/* a < b etc.: IEEE comparisons of two exact floats are Python's (NaN compares false, != true) */
static inline PyObject *spz_richcompare(PyObject *a, PyObject *b, int op) {
    int r;
    long x, y;
    if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
        double dx = PyFloat_AS_DOUBLE(a), dy = PyFloat_AS_DOUBLE(b);
        switch (op) {
        case Py_LT: r = dx < dy; break;
        case Py_LE: r = dx <= dy; break;
        case Py_EQ: r = dx == dy; break;
        case Py_NE: r = dx != dy; break;
        case Py_GT: r = dx > dy; break;
        default: r = dx >= dy; break;
        }
    } else if (spz_small_int(a, &x) && spz_small_int(b, &y)) {
        switch (op) {
        case Py_LT: r = x < y; break;
        case Py_LE: r = x <= y; break;
        case Py_EQ: r = x == y; break;
        case Py_NE: r = x != y; break;
        case Py_GT: r = x > y; break;
        default: r = x >= y; break;
        }
    } else {
        return PyObject_RichCompare(a, b, op);
    }
    return Py_NewRef(r ? Py_True : Py_False);
}

#endif /* SPZ_NUM_H */
