/* spz/guard.h -- branch hints and the type/identity guards generated code tests before taking a
 * specialized path. Each guard is a pure test: it never raises. */
#ifndef SPZ_GUARD_H
#define SPZ_GUARD_H

#if defined(__GNUC__) || defined(__clang__)
#define SPZ_LIKELY(x) __builtin_expect(!!(x), 1)
#define SPZ_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define SPZ_LIKELY(x) (x)
#define SPZ_UNLIKELY(x) (x)
#endif

/* t's version tag when caches may key on it, else 0. 3.11/3.12 mark a valid tag with
 * Py_TPFLAGS_VALID_VERSION_TAG; 3.13 no longer sets that flag (a legacy bit) and a tag of 0 is
 * "none". Caches keyed by an unmarked tag on 3.13 never filled: every @frozen/@record field read
 * of specialized code deopted there. */
static inline unsigned int spz_type_tag(PyTypeObject *t) {
#if PY_VERSION_HEX >= 0x030D0000
    return t->tp_version_tag;
#else
    return (t->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) ? t->tp_version_tag : 0;
#endif
}

/* Exact-type tests: contracts accept exact types only (contracts-spec 6.3), so subclasses must
 * fail these guards. */
static inline int spz_is_exact_int(PyObject *v) { return PyLong_CheckExact(v); }
static inline int spz_is_exact_float(PyObject *v) { return PyFloat_CheckExact(v); }
static inline int spz_is_exact_str(PyObject *v) { return PyUnicode_CheckExact(v); }
static inline int spz_is_bool(PyObject *v) { return v == Py_True || v == Py_False; }
static inline int spz_is_type(PyObject *v, PyTypeObject *t) { return Py_TYPE(v) == t; }

/* An exact int that fits in int64: stores it in *out. Never raises (an overflow is just "no").
 * Ints of one or two 30-bit digits (3.11's ob_size; 3.12+'s compact ints) are read inline, the
 * rest through PyLong_AsLongLongAndOverflow. */
static inline int spz_as_i64(PyObject *v, int64_t *out) {
    if (!PyLong_CheckExact(v)) return 0;
#if PY_VERSION_HEX >= 0x030C0000
    if (SPZ_LIKELY(_PyLong_IsCompact((PyLongObject *)v))) { *out = (int64_t)_PyLong_CompactValue((PyLongObject *)v); return 1; }
#elif PYLONG_BITS_IN_DIGIT == 30
    Py_ssize_t n = Py_SIZE(v);
    const digit *d = ((PyLongObject *)v)->ob_digit;
    if (SPZ_LIKELY(n >= -1 && n <= 1)) { *out = (int64_t)n * (int64_t)d[0]; return 1; }
    if (n == 2 || n == -2) {
        int64_t x = (int64_t)d[0] | ((int64_t)d[1] << PyLong_SHIFT);
        *out = n < 0 ? -x : x;
        return 1;
    }
#endif
    int overflow = 0;
    long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow) return 0;
    *out = (int64_t)x;
    return 1;
}

/* An exact int in [0, 2**64) as uint64 (the u64 representation of masked 64-bit arithmetic).
 * 0 = not an exact int, negative, or too large (no exception left set). */
static inline int spz_as_u64(PyObject *v, uint64_t *out) {
    if (!PyLong_CheckExact(v)) return 0;
#if PYLONG_BITS_IN_DIGIT == 30
    /* up to three 30-bit digits read inline (the top one below 2**4): values in [2**63, 2**64),
     * half of an RNG's states, would otherwise overflow PyLong_AsLongLongAndOverflow and take
     * PyLong_AsUnsignedLongLong, which 3.11 does through _PyLong_AsByteArray. Ints are normalized
     * (no leading zero digit), so more than three digits is at least 2**90. */
    Py_ssize_t n;
    const digit *d;
#if PY_VERSION_HEX >= 0x030C0000
    uintptr_t tag = ((PyLongObject *)v)->long_value.lv_tag;
    if ((tag & 3) == 2) return 0;  /* negative (3: the sign bits, 2 = negative) */
    n = (Py_ssize_t)(tag >> 3);     /* 3: _PyLong_NON_SIZE_BITS */
    d = ((PyLongObject *)v)->long_value.ob_digit;
#else
    n = Py_SIZE(v);
    if (n < 0) return 0;
    d = ((PyLongObject *)v)->ob_digit;
#endif
    if (n > 3 || (n == 3 && (d[2] >> 4) != 0)) return 0;
    uint64_t x = 0;
    if (n == 3) x = (uint64_t)d[2] << 60;
    if (n >= 2) x |= (uint64_t)d[1] << 30;
    if (n >= 1) x |= (uint64_t)d[0];
    *out = x;
    return 1;
#else
    int overflow = 0;
    long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (!overflow) {
        if (x < 0) return 0;
        *out = (uint64_t)x;
        return 1;
    }
    if (overflow < 0) return 0;
    unsigned long long u = PyLong_AsUnsignedLongLong(v);
    if (u == (unsigned long long)-1 && PyErr_Occurred()) { PyErr_Clear(); return 0; }
    *out = (uint64_t)u;
    return 1;
#endif
}

#endif /* SPZ_GUARD_H */
