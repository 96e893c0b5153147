/* spz/num.h -- generic `+ - *` and comparisons with the exact-float case inline (what CPython's
 * BINARY_OP_*_FLOAT / COMPARE_OP_FLOAT specializations do); every other operand pair goes
 * through the abstract API, which does everything else, errors included. Exact floats are
 * immutable, so an in-place operator on them is the plain one. */
#ifndef SPZ_NUM_H
#define SPZ_NUM_H

#define SPZ_FLOAT_BINOP(name, api, iapi, op)                                                   \
    static inline PyObject *spz_num_##name(PyObject *a, PyObject *b) {                           \
        if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b))                                      \
            return PyFloat_FromDouble(PyFloat_AS_DOUBLE(a) op PyFloat_AS_DOUBLE(b));             \
        return api(a, b);                                                                        \
    }                                                                                            \
    static inline PyObject *spz_num_i##name(PyObject *a, PyObject *b) {                          \
        if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b))                                      \
            return PyFloat_FromDouble(PyFloat_AS_DOUBLE(a) op PyFloat_AS_DOUBLE(b));             \
        return iapi(a, b);                                                                       \
    }
SPZ_FLOAT_BINOP(add, PyNumber_Add, PyNumber_InPlaceAdd, +)
SPZ_FLOAT_BINOP(sub, PyNumber_Subtract, PyNumber_InPlaceSubtract, -)
SPZ_FLOAT_BINOP(mul, PyNumber_Multiply, PyNumber_InPlaceMultiply, *)

/* a < b etc.: IEEE comparisons of two exact floats are Python's (NaN compares false, != true) */
static inline PyObject *spz_richcompare(PyObject *a, PyObject *b, int op) {
    if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
        double x = PyFloat_AS_DOUBLE(a), y = PyFloat_AS_DOUBLE(b);
        int r;
        switch (op) {
        case Py_LT: r = x < y; break;
        case Py_LE: r = x <= y; break;
        case Py_EQ: r = x == y; break;
        case Py_NE: r = x != y; break;
        case Py_GT: r = x > y; break;
        default: r = x >= y; break;
        }
        return Py_NewRef(r ? Py_True : Py_False);
    }
    return PyObject_RichCompare(a, b, op);
}

#endif /* SPZ_NUM_H */
