/* spz/int.h -- checked int64 arithmetic with Python semantics. The *_ovf ops return nonzero when the
 * exact result does not fit (the caller then falls back to boxed ints); they never raise and never
 * wrap (no UB). Division and modulo floor like Python's // and %. */
#ifndef SPZ_INT_H
#define SPZ_INT_H

static inline int spz_i64_add_ovf(int64_t a, int64_t b, int64_t *r) { return __builtin_add_overflow(a, b, r); }
static inline int spz_i64_sub_ovf(int64_t a, int64_t b, int64_t *r) { return __builtin_sub_overflow(a, b, r); }
static inline int spz_i64_mul_ovf(int64_t a, int64_t b, int64_t *r) { return __builtin_mul_overflow(a, b, r); }
static inline int spz_i64_neg_ovf(int64_t a, int64_t *r) { return __builtin_sub_overflow((int64_t)0, a, r); }

/* int.bit_length() of an exact int: the bits of |a| (64 for INT64_MIN, 0 for 0); never fails. */
static inline int64_t spz_i64_bit_length(int64_t a) {
    uint64_t m = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
    return m == 0 ? 0 : 64 - __builtin_clzll(m);
}
static inline int64_t spz_u64_bit_length(uint64_t a) { return a == 0 ? 0 : 64 - __builtin_clzll(a); }

/* a // b. Returns 1 for b == 0 (caller raises ZeroDivisionError via spz_raise_zero_div) and 2 for
 * INT64_MIN // -1 (overflow: box). */
static inline int spz_i64_floordiv_ovf(int64_t a, int64_t b, int64_t *r) {
    if (SPZ_UNLIKELY(b == 0)) return 1;
    if (SPZ_UNLIKELY(a == INT64_MIN && b == -1)) return 2;
    int64_t q = a / b;
    /* C truncates toward zero; Python floors. */
    if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
    *r = q;
    return 0;
}
/* a % b with the sign of b. Returns 1 for b == 0. (INT64_MIN % -1 is 0: handled without UB.) */
static inline int spz_i64_mod_ovf(int64_t a, int64_t b, int64_t *r) {
    if (SPZ_UNLIKELY(b == 0)) return 1;
    if (SPZ_UNLIKELY(b == -1)) { *r = 0; return 0; }
    int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    *r = m;
    return 0;
}
/* CPython's messages for int // 0 and int % 0 (3.11-3.13). Returns NULL for `return spz_...;`. */
static inline PyObject *spz_raise_int_zero_div(int is_mod) {
    PyErr_SetString(PyExc_ZeroDivisionError,
                    is_mod ? "integer modulo by zero" : "integer division or modulo by zero");
    return NULL;
}

#endif /* SPZ_INT_H */
