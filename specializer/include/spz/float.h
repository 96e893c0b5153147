/* spz/float.h -- double arithmetic with Python's float semantics for the ops where C differs:
 * division by zero raises, // floors, % takes the sign of the divisor. The *_zero helpers return
 * nonzero when the divisor is 0.0; the caller then raises with spz_raise_float_zero_div. */
#ifndef SPZ_FLOAT_H
#define SPZ_FLOAT_H

#include <math.h>

static inline int spz_f64_div(double a, double b, double *r) {
    if (SPZ_UNLIKELY(b == 0.0)) return 1;
    *r = a / b;
    return 0;
}
/* Same steps as CPython's float_divmod, so results (signs of zeros included) are identical. */
static inline int spz_f64_mod(double a, double b, double *r) {
    if (SPZ_UNLIKELY(b == 0.0)) return 1;
    double m = fmod(a, b);
    if (m != 0.0) {
        if ((b < 0) != (m < 0)) m += b;
    } else {
        m = copysign(0.0, b);
    }
    *r = m;
    return 0;
}
/* x ** e (a constant or any float; an int exponent converted as float_pow converts it) as
 * CPython's float_pow computes it: the C library's pow, whose special cases (nan, infinities,
 * signed zeros, 1 ** nan, x ** 0) are the ones float_pow implements. Nonzero (the generic code
 * raises) where float_pow raises or goes complex instead: a finite base whose power overflows
 * (OverflowError) or is a zero to a negative power (ZeroDivisionError), a negative finite base
 * with a non-integral exponent (a complex result). */
static inline int spz_f64_pow_const(double x, double e, double *r) {
    if (SPZ_UNLIKELY(e != floor(e) && x < 0.0 && isfinite(x))) return 1;
    double p = pow(x, e);
    if (SPZ_UNLIKELY(isinf(p) && isfinite(x))) return 1;
    *r = p;
    return 0;
}
static inline int spz_f64_floordiv(double a, double b, double *r) {
    if (SPZ_UNLIKELY(b == 0.0)) return 1;
    double m = fmod(a, b);
    double d = (a - m) / b;
    if (m != 0.0 && ((b < 0) != (m < 0))) d -= 1.0;
    double q;
    if (d != 0.0) {
        q = floor(d);
        if (d - q > 0.5) q += 1.0;
    } else {
        q = copysign(0.0, a / b);
    }
    *r = q;
    return 0;
}

enum { SPZ_FDIV_TRUE = 0, SPZ_FDIV_FLOOR = 1, SPZ_FDIV_MOD = 2 };
/* CPython's ZeroDivisionError texts for float /, //, % (the % text changed in 3.13). */
static inline PyObject *spz_raise_float_zero_div(int kind) {
    const char *msg = kind == SPZ_FDIV_FLOOR ? "float floor division by zero"
                    : kind == SPZ_FDIV_MOD
#if PY_VERSION_HEX >= 0x030D0000
                        ? "float modulo by zero"
#else
                        ? "float modulo"
#endif
                        : "float division by zero";
    PyErr_SetString(PyExc_ZeroDivisionError, msg);
    return NULL;
}

/* round(x, n) for a finite x and 0 <= n <= 22, as CPython's float.__round__ computes it (the
 * exact binary value of x rounded half-even to n decimals by _Py_dg_dtoa, that decimal read back
 * by _Py_dg_strtod): 0 with *r set, or 1 when |x| * 10**n is 2**52 or more (the caller then
 * calls round). With p = 10**n (exact), x*p = y + e exactly (fma) and |e| <= ulp(y)/2; below 2**52
 * ulp(y) <= 0.5, so the fraction y - floor(y), a multiple of ulp(y), is either 0.5 -- then e
 * decides, e == 0 being a tie -- or at least ulp(y) away from it, where e cannot matter. The
 * integer k is then exact and k / p, one correctly rounded division, is the double nearest to
 * k * 10**-n, i.e. strtod's result. The sign is x's (dtoa keeps it, zeros included). */
static inline int spz_f64_round_digits(double x, int n, double *r) {
    static const double p10[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    if (n < 0 || n > 22 || !isfinite(x)) return 1;
    double a = fabs(x), p = p10[n];
    double y = a * p;
    if (!(y < 4503599627370496.0)) return 1; /* 2**52 */
    double e = fma(a, p, -y), f = floor(y), frac = y - f;
    double k = frac > 0.5 || (frac == 0.5 && (e > 0.0 || (e == 0.0 && fmod(f, 2.0) != 0.0))) ? f + 1.0 : f;
    *r = copysign(k / p, x);
    return 0;
}

#endif /* SPZ_FLOAT_H */
