/* spz/stats.h -- runtime guard statistics (SPYC_STATS), the part generated code sees.
 *
 * Every guard site of a compiled module (an op with a deopt edge, and the "came back boxed" edge
 * of a direct call) has one SpzStatSite in the module's static table `pyc_stat_sites`, listed in
 * SpzModuleDef. Generated code counts a failure on the failure edge only:
 *
 *     if (SPZ_UNLIKELY(spz_i64_mul_ovf(a, b, &d))) { SPZ_STAT_FAIL(pyc_stat_sites[3]); goto L7; }
 *
 * so with statistics off the cost is one predictable, never-taken branch on a static flag, on a
 * path that is already cold (it leads to a deopt); the guarded hot path is unchanged (the same
 * instruction count as with the counting compiled out, -DSPZ_NO_STATS).
 * spz_stats_on is set once, at module exec, when SPYC_STATS is in the environment
 * (src/stats.c: registration, and the report at interpreter exit). */
#ifndef SPZ_STATS_H
#define SPZ_STATS_H

typedef struct SpzStatSite {
    int line;                     /* 1-based source line of the guarded operation */
    int col;                      /* 1-based column of the statement on that line */
    const char *guard;            /* what the guard checks, e.g. "int64 overflow in *" */
    const char *function;         /* qualname of the compiled function holding the site */
    unsigned long long failures;  /* counted only while spz_stats_on */
} SpzStatSite;

/* 1 when this module counts (SPYC_STATS set at its import); one copy per extension (shared by
 * the generated code and the runtime when the runtime is linked as a separate object) */
#ifdef SPZ_DATA
SPZ_DATA int spz_stats_on;
#else
static int spz_stats_on __attribute__((unused));
#endif

#ifdef SPZ_NO_STATS /* only for benchmarks/overhead/stats_overhead.py: the counting compiled out */
#define SPZ_STAT_FAIL(site) ((void)0)
#else
/* Out of line and cold: an inline increment on the failure edge changed GCC's layout of the hot
 * loop (intloop: one more instruction per iteration); a call to a cold function leaves the hot
 * path as it is without the counting (benchmarks/overhead/stats_overhead.py --callgrind). */
static __attribute__((cold, noinline, unused)) void spz_stat_fail(SpzStatSite *site) { site->failures++; }
#define SPZ_STAT_FAIL(site) do { if (SPZ_UNLIKELY(spz_stats_on)) spz_stat_fail(&(site)); } while (0)
#endif

#endif
