/* spz_runtime.c -- the whole runtime as one include for the generated translation unit:
 *     #include "specializer.h"
 *     #include "spz_runtime.c"
 * Every function is `static`, so two spyc extensions loaded in one process never clash. Compile
 * with -I<specializer>/include (include/spz_runtime.c forwards here). */
#ifndef SPZ_RUNTIME_C
#define SPZ_RUNTIME_C

#include "specializer.h"

#include "common.c"
#include "errors.c"
#include "frames.c"
#include "calls.c"
#include "function.c"
#include "direct.c"
#include "comprehension.c"
#include "lambda.c"
#include "iter.c"
#include "with.c"
#include "imports.c"
#include "gconst.c"
#include "attrcache.c"
#include "stdcoll.c"
#include "objects.c"
#include "poll.c"
#include "stats.c"
#include "module.c"
#ifdef SPZ_RUNTIME_LINKED
#include "outline.c" /* the cold units' copies of the generic helpers (spz/outline.h) */
#endif

#endif
