/* spz/lambda.h -- `lambda` in compiled functions (bind/lambda.ts, irbuild lambdaValue).
 * CPython compiled every lambda's body into a code object among the enclosing function's
 * constants; spz_make_lambda does what MAKE_FUNCTION does with it, so the lambda object (name,
 * qualname, module, body, tracebacks) is exactly the interpreter's. The site caches the code
 * object found for the enclosing code object (a re-executed module compiles new ones). */
#ifndef SPZ_LAMBDA_H
#define SPZ_LAMBDA_H

typedef struct {
    PyObject *owner; /* the enclosing function's code object the entry was found in (strong) */
    PyObject *code;  /* the lambda's code object (strong) */
} SpzLambdaSite;

/* a new function from the `k`-th lambda code object starting on `line`, with the given
 * defaults (tuple) and keyword-only defaults (dict), either NULL; new reference or NULL */
SPZ_API PyObject *spz_make_lambda(SpzFunction *f, int line, int k, PyObject *defaults, PyObject *kwdefaults, SpzLambdaSite *site);

#endif
