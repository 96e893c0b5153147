/* function.c -- the spyc_function type: a compiled function that looks like a Python function.
 *
 * A call binds arguments (fast path in C for plain positional calls, otherwise a per-function
 * Python "binder" with the source signature so CPython produces its own binding errors), applies
 * the @checked contracts from spyc._plan.plan_for, and calls the generated entry point. */

/* Slots live on the C stack up to this many; more spill to the heap. */
#define SPZ_SLOTS_ON_STACK 16

enum { SPZ_PLAN_NONE = 255 }; /* plan_codes value: no check for this slot */

static void spz_function_drop_plan(SpzFunction *f) {
    Py_CLEAR(f->plan);
    PyMem_Free(f->plan_codes);
    f->plan_codes = NULL;
}

/* ---- binding ---------------------------------------------------------------------------------- */

/* Bind a purely positional call in C when no error is possible. Returns 1 with slots filled (new
 * references), 0 when the binder must handle the call (maybe to raise), -1 on error. */
static int spz_bind_fast(SpzFunction *f, PyObject *const *args, Py_ssize_t nargs, PyObject **slots) {
    Py_ssize_t argc = f->argcount;
    Py_ssize_t ndef = f->defaults ? PyTuple_GET_SIZE(f->defaults) : 0;
    if (nargs > argc && !f->has_varargs) return 0;
    if (nargs < argc - ndef) return 0;
    Py_ssize_t nkw = f->kwonlycount;
    if (nkw > 0) {
        if (f->kwdefaults == NULL) return 0;
        for (Py_ssize_t i = 0; i < nkw; i++) {
            PyObject *d = PyDict_GetItemWithError(f->kwdefaults, PyTuple_GET_ITEM(f->kwonly_names, i));
            if (d == NULL) return PyErr_Occurred() ? -1 : 0;
        }
    }
    Py_ssize_t s = 0, npos = nargs < argc ? nargs : argc;
    for (Py_ssize_t i = 0; i < npos; i++) slots[s++] = Py_NewRef(args[i]);
    for (Py_ssize_t i = npos; i < argc; i++) slots[s++] = Py_NewRef(PyTuple_GET_ITEM(f->defaults, i - (argc - ndef)));
    if (f->has_varargs) {
        PyObject *t = nargs > argc ? PyTuple_New(nargs - argc) : PyTuple_New(0);
        if (t == NULL) goto error;
        for (Py_ssize_t i = argc; i < nargs; i++) PyTuple_SET_ITEM(t, i - argc, Py_NewRef(args[i]));
        slots[s++] = t;
    }
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *d = PyDict_GetItemWithError(f->kwdefaults, PyTuple_GET_ITEM(f->kwonly_names, i));
        if (d == NULL) { if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "spyc: kwdefaults changed"); goto error; }
        slots[s++] = Py_NewRef(d);
    }
    if (f->has_varkw) {
        PyObject *d = PyDict_New();
        if (d == NULL) goto error;
        slots[s++] = d;
    }
    return 1;
error:
    while (s > 0) Py_DECREF(slots[--s]);
    return -1;
}

static PyObject *spz_function_binder(SpzFunction *f) {
    if (f->binder == NULL) {
        PyObject *a[5] = {f->pyfn, f->name, f->qualname, f->defaults ? f->defaults : Py_None,
                          f->kwdefaults ? f->kwdefaults : Py_None};
        f->binder = spz_helper_call("make_binder", a, 5);
    }
    return f->binder;
}

/* The slow path: the binder returns the slots as a tuple, or raises CPython's own TypeError. */
static int spz_bind_slow(SpzFunction *f, PyObject *const *args, size_t nargsf, PyObject *kwnames, PyObject **slots) {
    PyObject *binder = spz_function_binder(f);
    if (binder == NULL) return -1;
    PyObject *t = PyObject_Vectorcall(binder, args, nargsf, kwnames);
    if (t == NULL) return -1;
    if (!PyTuple_CheckExact(t) || PyTuple_GET_SIZE(t) != f->def->nslots) {
        Py_DECREF(t);
        PyErr_SetString(PyExc_SystemError, "spyc: binder returned a malformed slot tuple");
        return -1;
    }
    for (Py_ssize_t i = 0; i < f->def->nslots; i++) slots[i] = Py_NewRef(PyTuple_GET_ITEM(t, i));
    Py_DECREF(t);
    return 0;
}

/* ---- contracts --------------------------------------------------------------------------------- */

/* Is `arg` what fast test `c` needs? 6, 8: a type; 9 (fixed tuple): a tuple of (code, arg) pairs
 * of the element tests 1..8 (one level: elements are never fixed tuples themselves). */
static int spz_plan_arg_ok(int c, PyObject *arg, int top) {
    if (c == 6 || c == 8) return PyType_Check(arg);
    if (c != 9) return 1;
    if (!top || !PyTuple_Check(arg)) return 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(arg); i++) {
        PyObject *p = PyTuple_GET_ITEM(arg, i);
        if (!PyTuple_Check(p) || PyTuple_GET_SIZE(p) != 2 || !PyLong_Check(PyTuple_GET_ITEM(p, 0))) return 0;
        long ec = PyLong_AsLong(PyTuple_GET_ITEM(p, 0));
        if (ec < 1 || ec > 8 || !spz_plan_arg_ok((int)ec, PyTuple_GET_ITEM(p, 1), 0)) return 0;
    }
    return 1;
}

static int spz_plan_entry_code(PyObject *e, unsigned char *code) {
    if (e == Py_None) { *code = SPZ_PLAN_NONE; return 0; }
    if (!PyTuple_Check(e) || PyTuple_GET_SIZE(e) != 3 || !PyLong_Check(PyTuple_GET_ITEM(e, 0))) goto bad;
    long c = PyLong_AsLong(PyTuple_GET_ITEM(e, 0));
    if (c < 0 || c > 9 || !spz_plan_arg_ok((int)c, PyTuple_GET_ITEM(e, 1), 1)) goto bad;
    *code = (unsigned char)c;
    return 0;
bad:
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "spyc: malformed plan entry from spyc._plan.plan_for");
    return -1;
}

/* plan_for(pyfn, owner) once; failures (NameError, TypeError) propagate and are retried next call. */
static int spz_function_get_plan(SpzFunction *f) {
    if (f->plan != NULL) return 0;
    PyObject *mod = PyImport_ImportModule("spyc._plan");
    if (mod == NULL) return -1;
    PyObject *plan = PyObject_CallMethod(mod, "plan_for", "OO", f->pyfn, f->owner ? f->owner : Py_None);
    Py_DECREF(mod);
    if (plan == NULL) return -1;
    int n = f->def->nslots;
    if (!PyTuple_Check(plan) || PyTuple_GET_SIZE(plan) != 2 || !PyTuple_Check(PyTuple_GET_ITEM(plan, 0)) ||
        PyTuple_GET_SIZE(PyTuple_GET_ITEM(plan, 0)) != n) {
        Py_DECREF(plan);
        PyErr_SetString(PyExc_SystemError, "spyc: spyc._plan.plan_for returned a malformed plan");
        return -1;
    }
    unsigned char *codes = PyMem_Malloc((size_t)n + 1);
    if (codes == NULL) { Py_DECREF(plan); PyErr_NoMemory(); return -1; }
    PyObject *params = PyTuple_GET_ITEM(plan, 0);
    for (int i = 0; i < n; i++) {
        if (spz_plan_entry_code(PyTuple_GET_ITEM(params, i), &codes[i]) < 0) goto bad;
    }
    if (spz_plan_entry_code(PyTuple_GET_ITEM(plan, 1), &codes[n]) < 0) goto bad;
    spz_function_drop_plan(f);
    f->plan = plan;
    f->plan_codes = codes;
    return 0;
bad:
    PyMem_Free(codes);
    Py_DECREF(plan);
    return -1;
}

/* The C fast test for a plan code; 0 means "ask the slow checker". */
static int spz_plan_fast_ok(unsigned char code, PyObject *arg, PyObject *v) {
    switch (code) {
    case 1: return PyLong_CheckExact(v);
    case 2: return PyFloat_CheckExact(v);
    case 3: return v == Py_True || v == Py_False;
    case 4: return PyUnicode_CheckExact(v);
    case 5: {
        if (!PyLong_CheckExact(v)) return 0;
        int overflow = 0;
        (void)PyLong_AsLongLongAndOverflow(v, &overflow);
        return overflow == 0;
    }
    case 6: return (PyObject *)Py_TYPE(v) == arg;
    case 7: return v == Py_None;
    case 8: return PyObject_TypeCheck(v, (PyTypeObject *)arg);
    case 9: { /* a fixed tuple whose items all pass unchanged (arg checked by spz_plan_arg_ok) */
        Py_ssize_t n = PyTuple_GET_SIZE(arg);
        if (!PyTuple_CheckExact(v) || PyTuple_GET_SIZE(v) != n) return 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *p = PyTuple_GET_ITEM(arg, i);
            unsigned char ec = (unsigned char)PyLong_AsLong(PyTuple_GET_ITEM(p, 0));
            if (!spz_plan_fast_ok(ec, PyTuple_GET_ITEM(p, 1), PyTuple_GET_ITEM(v, i))) return 0;
        }
        return 1;
    }
    default: return 0;
    }
}

/* A contract violation raised by the plan's slow checker shows the user's frame, as the interpreted
 * @checked wrapper does (pydecorators/spyc/_checked.py): the checker's own frames (spyc._plan,
 * spyc._annotations) are dropped and one entry is added for f, at the first line of its
 * definition (co_firstlineno), in the user's source file. */
static void spz_contract_frame(SpzFunction *f) {
    PyObject *exc = spz_exc_fetch();
    if (exc == NULL) return;
    PyException_SetTraceback(exc, Py_None);
    spz_exc_restore(exc);
    int line = f->def->def_lineno;
    if (f->pyfn != NULL && PyFunction_Check(f->pyfn))
        line = ((PyCodeObject *)PyFunction_GET_CODE(f->pyfn))->co_firstlineno;
    spz_traceback_add(f, line);
}

/* Check (and maybe replace) *slot against plan entry e. 0 / -1. */
static inline int spz_plan_check(SpzFunction *f, unsigned char code, PyObject *e, PyObject **slot) {
    if (code == SPZ_PLAN_NONE) return 0;
    if (spz_plan_fast_ok(code, PyTuple_GET_ITEM(e, 1), *slot)) return 0;
    if (code == 2 && PyLong_CheckExact(*slot)) {
        /* an exact int for `float`: the contract's one conversion, float(v) (P2), in C -- the slow
         * checker's Python call cost ~190 ns per argument; its OverflowError comes from it */
        double d = PyLong_AsDouble(*slot);
        if (!(d == -1.0 && PyErr_Occurred())) {
            PyObject *x = PyFloat_FromDouble(d);
            if (x == NULL) return -1;
            Py_SETREF(*slot, x);
            return 0;
        }
        PyErr_Clear();
    }
    PyObject *nv = PyObject_CallOneArg(PyTuple_GET_ITEM(e, 2), *slot);
    if (nv == NULL) { spz_contract_frame(f); return -1; }
    Py_SETREF(*slot, nv);
    return 0;
}

/* A direct call's object argument (call_direct checks): does v pass f's contract for slot i as it is,
 * by the plan's C test? 0 when the plan cannot be resolved or the test needs the slow checker: the
 * site then makes the generic call, which checks (and raises) exactly as the boxed entry does. */
SPZ_API int spz_direct_arg_ok(SpzFunction *f, int i, PyObject *v) {
    if (v == NULL) return 0;
    if (SPZ_UNLIKELY(f->plan == NULL)) {
        /* The callee's first call ever: its contracts are resolved here, where the generic call
         * would resolve them (arguments evaluated, body not entered). Failing, the guard fails and
         * that generic call resolves again and raises the error itself. Without this, the first
         * direct call of a function deopted its caller for the rest of that call. */
        if (spz_function_get_plan(f) < 0) { PyErr_Clear(); return 0; }
    }
    unsigned char c = f->plan_codes[i];
    return c == SPZ_PLAN_NONE || spz_plan_fast_ok(c, PyTuple_GET_ITEM(PyTuple_GET_ITEM(PyTuple_GET_ITEM(f->plan, 0), i), 1), v);
}

/* ---- calling ----------------------------------------------------------------------------------- */

/* Running a compiled body is a Python-level call: like a Python frame it counts against
 * sys.getrecursionlimit() and raises CPython's RecursionError("maximum recursion depth exceeded").
 * On 3.11 Py_EnterRecursiveCall is that counter. From 3.12 Python frames have their own counter
 * (py_recursion_remaining, with the checks of CPython's _Py_EnterRecursivePy /
 * _Py_CheckRecursiveCallPy), and Py_EnterRecursiveCall only counts C levels against a fixed limit
 * that is not the Python one: a compiled frame takes the Python unit only. On every version the
 * real C stack is checked too (spz_stack_low, spz/direct.h), so a deep limit never overflows it. */
static inline int spz_enter_body(PyThreadState *ts) {
    if (SPZ_UNLIKELY(spz_stack_low())) return spz_raise_stack_exhausted();
#if PY_VERSION_HEX >= 0x030C0000
    if (ts->py_recursion_remaining-- <= 0) {
        if (ts->recursion_headroom) {
            if (ts->py_recursion_remaining < -50) Py_FatalError("Cannot recover from stack overflow.");
        } else {
            ts->recursion_headroom++;
            PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
            ts->recursion_headroom--;
            ts->py_recursion_remaining++;
            return -1;
        }
    }
    return 0;
#else
    /* the counter Py_EnterRecursiveCall decrements; at the limit it raises (and counts) */
    if (SPZ_LIKELY(ts->recursion_remaining > 0)) { ts->recursion_remaining--; return 0; }
    return Py_EnterRecursiveCall("") ? -1 : 0;
#endif
}

/* ts: the thread state given to spz_enter_body (the same thread: calls return where they began) */
static inline void spz_leave_body(PyThreadState *ts) {
#if PY_VERSION_HEX >= 0x030C0000
    ts->py_recursion_remaining++;
#else
    ts->recursion_remaining++;  /* what Py_LeaveRecursiveCall does on 3.11 */
#endif
}

static PyObject *spz_function_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    SpzFunction *f = (SpzFunction *)callable;
    const SpzFuncDef *def = f->def;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    int nslots = def->nslots;
    /* The common call: exactly the positional parameters, nothing else in the signature, no
     * contracts. The entry takes its own references to args[i], so the caller's array is the
     * slot array: no copy, no increfs. */
    if (SPZ_LIKELY(nargs == nslots && nargs == f->argcount && !def->checked && !f->has_varargs &&
                   !f->has_varkw && f->kwonlycount == 0 && (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0))) {
        PyThreadState *ts = PyThreadState_Get();
        if (spz_enter_body(ts) < 0) return NULL;
        PyObject *res = def->entry(f, args, ts);
        spz_leave_body(ts);
        return res;
    }
    /* The common call of a @checked function: the same shape, its plan known, and every argument
     * passing its contract's C test as it is (no conversion, no slow checker): then, too, the
     * caller's array is the slot array. A call into compiled code from interpreted code took
     * ~10 ns more than a Python function's before (the copy into slots, their increfs and
     * decrefs); anything else takes the general path below. */
    if (def->checked && f->plan != NULL && nargs == nslots && nargs == f->argcount && !f->has_varargs &&
        !f->has_varkw && f->kwonlycount == 0 && (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0)) {
        const unsigned char *codes = f->plan_codes;
        PyObject *params = PyTuple_GET_ITEM(f->plan, 0);
        int i = 0;
        for (; i < nslots; i++) {
            unsigned char c = codes[i];
            PyObject *v = args[i];
            /* the scalar contracts inline (spz_plan_fast_ok's cases 1-4, 7), the rest through it */
            int ok = c == SPZ_PLAN_NONE || (c == 1 ? PyLong_CheckExact(v) : c == 2 ? PyFloat_CheckExact(v) :
                     c == 3 ? (v == Py_True || v == Py_False) : c == 4 ? PyUnicode_CheckExact(v) : c == 7 ? v == Py_None :
                     spz_plan_fast_ok(c, PyTuple_GET_ITEM(PyTuple_GET_ITEM(params, i), 1), v));
            if (!ok) break;
        }
        if (i == nslots) {
            /* held across the body: a re-entrant __spyc_set_owner__ may replace f's plan (and free
             * its codes, hence rcode read first) */
            PyObject *plan = Py_NewRef(f->plan);
            unsigned char rcode = codes[nslots];
            PyThreadState *ts = PyThreadState_Get();
            if (spz_enter_body(ts) < 0) { Py_DECREF(plan); return NULL; }
            PyObject *res = def->entry(f, args, ts);
            spz_leave_body(ts);
            if (res != NULL && spz_plan_check(f, rcode, PyTuple_GET_ITEM(plan, 1), &res) < 0) Py_CLEAR(res);
            Py_DECREF(plan);
            return res;
        }
    }
    PyObject *stack[SPZ_SLOTS_ON_STACK];
    PyObject **slots = stack;
    PyObject *result = NULL;
    int bound = 0;
    if (nslots > SPZ_SLOTS_ON_STACK) {
        slots = PyMem_Malloc(sizeof(PyObject *) * (size_t)nslots);
        if (slots == NULL) return PyErr_NoMemory();
    }
    int r = 0;
    if (kwnames == NULL || PyTuple_GET_SIZE(kwnames) == 0) r = spz_bind_fast(f, args, nargs, slots);
    if (r < 0) goto done;
    if (r == 0 && spz_bind_slow(f, args, nargsf, kwnames, slots) < 0) goto done;
    bound = 1;
    if (def->checked) {
        if (spz_function_get_plan(f) < 0) goto done;
        /* The plan can be replaced by a re-entrant __spyc_set_owner__ during a slow check: hold it. */
        PyObject *plan = Py_NewRef(f->plan);
        const unsigned char *codes = f->plan_codes;
        PyObject *params = PyTuple_GET_ITEM(plan, 0);
        for (int i = 0; i < nslots; i++) {
            if (spz_plan_check(f, codes[i], PyTuple_GET_ITEM(params, i), &slots[i]) < 0) { Py_DECREF(plan); goto done; }
        }
        unsigned char rcode = codes[nslots];
        PyThreadState *ts = PyThreadState_Get();
        if (spz_enter_body(ts) < 0) { Py_DECREF(plan); goto done; }
        result = def->entry(f, slots, ts);
        spz_leave_body(ts);
        if (result != NULL && spz_plan_check(f, rcode, PyTuple_GET_ITEM(plan, 1), &result) < 0) Py_CLEAR(result);
        Py_DECREF(plan);
        goto done;
    }
    PyThreadState *ts = PyThreadState_Get();
    if (spz_enter_body(ts) < 0) goto done;
    result = def->entry(f, slots, ts);
    spz_leave_body(ts);
done:
    if (bound) for (int i = 0; i < nslots; i++) Py_DECREF(slots[i]);
    if (slots != stack) PyMem_Free(slots);
    return result;
}

/* ---- the type ---------------------------------------------------------------------------------- */

static int spz_function_traverse(PyObject *o, visitproc visit, void *arg) {
    SpzFunction *f = (SpzFunction *)o;
    Py_VISIT(f->globals); Py_VISIT(f->builtins); Py_VISIT(f->pyfn); Py_VISIT(f->name);
    Py_VISIT(f->qualname); Py_VISIT(f->module); Py_VISIT(f->doc); Py_VISIT(f->dict);
    Py_VISIT(f->defaults); Py_VISIT(f->kwdefaults); Py_VISIT(f->owner); Py_VISIT(f->plan);
    Py_VISIT(f->binder); Py_VISIT(f->tb_codes); Py_VISIT(f->kwonly_names);
    return 0;
}

static int spz_function_clear(PyObject *o) {
    SpzFunction *f = (SpzFunction *)o;
    Py_CLEAR(f->globals); Py_CLEAR(f->builtins); Py_CLEAR(f->pyfn); Py_CLEAR(f->name);
    Py_CLEAR(f->qualname); Py_CLEAR(f->module); Py_CLEAR(f->doc); Py_CLEAR(f->dict);
    Py_CLEAR(f->defaults); Py_CLEAR(f->kwdefaults); Py_CLEAR(f->owner); Py_CLEAR(f->binder);
    Py_CLEAR(f->tb_codes); Py_CLEAR(f->kwonly_names);
    spz_function_drop_plan(f);
    return 0;
}

static void spz_function_dealloc(PyObject *o) {
    PyObject_GC_UnTrack(o);
    if (((SpzFunction *)o)->weakreflist != NULL) PyObject_ClearWeakRefs(o);
    spz_function_clear(o);
    PyObject_GC_Del(o);
}

static PyObject *spz_function_repr(PyObject *o) {
    return PyUnicode_FromFormat("<function %U at %p>", ((SpzFunction *)o)->qualname, o);
}

/* Bind like a Python function: f.__get__(None, C) and C.f give f itself. */
static PyObject *spz_function_descr_get(PyObject *self, PyObject *obj, PyObject *type) {
    (void)type;
    if (obj == NULL || obj == Py_None) return Py_NewRef(self);
    return PyMethod_New(self, obj);
}

static PyObject *spz_function_reduce(PyObject *self, PyObject *unused) {
    (void)unused;
    /* Pickle by reference: pickle looks up __module__ + this qualname. */
    return Py_NewRef(((SpzFunction *)self)->qualname);
}

static PyObject *spz_function_set_owner(PyObject *self, PyObject *owner) {
    SpzFunction *f = (SpzFunction *)self;
    if (f->no_owner) Py_RETURN_NONE;
    Py_XSETREF(f->owner, Py_NewRef(owner));
    spz_function_drop_plan(f);
    Py_RETURN_NONE;
}

static PyMethodDef spz_function_methods[] = {
    {"__reduce__", spz_function_reduce, METH_NOARGS, NULL},
    {"__spyc_set_owner__", spz_function_set_owner, METH_O,
     "Bind the @frozen owner class (the first parameter is then checked) and drop the cached plan."},
    {NULL, NULL, 0, NULL}};

static PyMemberDef spz_function_members[] = {
    {"__module__", T_OBJECT, offsetof(SpzFunction, module), 0, NULL},
    {"__doc__", T_OBJECT, offsetof(SpzFunction, doc), 0, NULL},
    {"__globals__", T_OBJECT, offsetof(SpzFunction, globals), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}};

static PyObject *spz_get_name(PyObject *self, void *c) { (void)c; return Py_NewRef(((SpzFunction *)self)->name); }
static PyObject *spz_get_qualname(PyObject *self, void *c) { (void)c; return Py_NewRef(((SpzFunction *)self)->qualname); }

static int spz_set_str(SpzFunction *f, PyObject **field, PyObject *v, const char *msg) {
    if (v == NULL || !PyUnicode_Check(v)) {
        PyErr_SetString(PyExc_TypeError, msg);
        return -1;
    }
    Py_XSETREF(*field, Py_NewRef(v));
    Py_CLEAR(f->binder); /* binding errors quote the names */
    return 0;
}
static int spz_set_name(PyObject *self, PyObject *v, void *c) {
    (void)c;
    return spz_set_str((SpzFunction *)self, &((SpzFunction *)self)->name, v, "__name__ must be set to a string object");
}
static int spz_set_qualname(PyObject *self, PyObject *v, void *c) {
    (void)c;
    return spz_set_str((SpzFunction *)self, &((SpzFunction *)self)->qualname, v, "__qualname__ must be set to a string object");
}

static PyObject *spz_get_defaults(PyObject *self, void *c) {
    (void)c;
    PyObject *d = ((SpzFunction *)self)->defaults;
    return Py_NewRef(d ? d : Py_None);
}
static int spz_set_defaults(PyObject *self, PyObject *v, void *c) {
    (void)c;
    SpzFunction *f = (SpzFunction *)self;
    if (v == Py_None) v = NULL;
    if (v != NULL && !PyTuple_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    Py_XSETREF(f->defaults, Py_XNewRef(v));
    Py_CLEAR(f->binder);
    return 0;
}
static PyObject *spz_get_kwdefaults(PyObject *self, void *c) {
    (void)c;
    PyObject *d = ((SpzFunction *)self)->kwdefaults;
    return Py_NewRef(d ? d : Py_None);
}
static int spz_set_kwdefaults(PyObject *self, PyObject *v, void *c) {
    (void)c;
    SpzFunction *f = (SpzFunction *)self;
    if (v == Py_None) v = NULL;
    if (v != NULL && !PyDict_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    Py_XSETREF(f->kwdefaults, Py_XNewRef(v));
    Py_CLEAR(f->binder);
    return 0;
}
/* Shared with the Python function, so annotation edits on either side agree. */
static PyObject *spz_get_annotations(PyObject *self, void *c) {
    (void)c;
    return PyObject_GetAttr(((SpzFunction *)self)->pyfn, spz_str.annotations);
}
static int spz_set_annotations(PyObject *self, PyObject *v, void *c) {
    (void)c;
    if (v == NULL) return PyObject_DelAttr(((SpzFunction *)self)->pyfn, spz_str.annotations);
    return PyObject_SetAttr(((SpzFunction *)self)->pyfn, spz_str.annotations, v);
}

/* Introspection (contracts-spec 6.8): the Python function CPython made from the source stands
 * behind the compiled one. __code__ is its code object (name, filename, first line, argument
 * counts, flags), so inspect.signature/getfile/getsource and dis work without unwrapping; and
 * isinstance(f, types.FunctionType) holds through __class__ (type(f) stays spyc_function). */
static PyObject *spz_get_code(PyObject *self, void *c) {
    (void)c;
    return Py_NewRef(PyFunction_GetCode(((SpzFunction *)self)->pyfn));
}
static PyObject *spz_get_closure(PyObject *self, void *c) {
    (void)c;
    PyObject *cl = PyFunction_GetClosure(((SpzFunction *)self)->pyfn);
    return Py_NewRef(cl ? cl : Py_None);
}
static PyObject *spz_get_builtins(PyObject *self, void *c) {
    (void)c;
    return Py_NewRef(((SpzFunction *)self)->builtins);
}
static PyObject *spz_get_class(PyObject *self, void *c) {
    (void)self; (void)c;
    return Py_NewRef((PyObject *)&PyFunction_Type);
}
#if PY_VERSION_HEX >= 0x030C0000
static PyObject *spz_get_type_params(PyObject *self, void *c) {
    (void)c;
    return PyObject_GetAttrString(((SpzFunction *)self)->pyfn, "__type_params__");
}
static int spz_set_type_params(PyObject *self, PyObject *v, void *c) {
    (void)c;
    if (v == NULL) return PyObject_DelAttrString(((SpzFunction *)self)->pyfn, "__type_params__");
    return PyObject_SetAttrString(((SpzFunction *)self)->pyfn, "__type_params__", v);
}
#endif

static PyGetSetDef spz_function_getset[] = {
    {"__code__", spz_get_code, NULL, NULL, NULL},
    {"__closure__", spz_get_closure, NULL, NULL, NULL},
    {"__builtins__", spz_get_builtins, NULL, NULL, NULL},
    {"__class__", spz_get_class, NULL, NULL, NULL},
#if PY_VERSION_HEX >= 0x030C0000
    {"__type_params__", spz_get_type_params, spz_set_type_params, NULL, NULL},
#endif
    {"__name__", spz_get_name, spz_set_name, NULL, NULL},
    {"__qualname__", spz_get_qualname, spz_set_qualname, NULL, NULL},
    {"__defaults__", spz_get_defaults, spz_set_defaults, NULL, NULL},
    {"__kwdefaults__", spz_get_kwdefaults, spz_set_kwdefaults, NULL, NULL},
    {"__annotations__", spz_get_annotations, spz_set_annotations, NULL, NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL}};

SPZ_DATA_DEF PyTypeObject SpzFunction_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spyc_function",
    .tp_basicsize = sizeof(SpzFunction),
    .tp_dealloc = spz_function_dealloc,
    .tp_vectorcall_offset = offsetof(SpzFunction, vectorcall),
    .tp_repr = spz_function_repr,
    .tp_call = PyVectorcall_Call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    /* METHOD_DESCRIPTOR lets obj.m(...) skip creating a bound method, exactly as for functions. */
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_traverse = spz_function_traverse,
    .tp_clear = spz_function_clear,
    .tp_weaklistoffset = offsetof(SpzFunction, weakreflist),
    .tp_methods = spz_function_methods,
    .tp_members = spz_function_members,
    .tp_getset = spz_function_getset,
    .tp_descr_get = spz_function_descr_get,
    .tp_dictoffset = offsetof(SpzFunction, dict),
};

/* A set display of constants that CPython's compiler folded into a frozenset constant (issue 16;
 * src/bind/fold.ts decides which): the compiled code uses that very frozenset, taken from the
 * Python function's co_consts, so the order of the set equals CPython's. consts[idx] starts as a
 * 1-tuple holding the items in source order; the first use replaces it by the frozenset (the
 * compiler merges equal constants module-wide, so every function finds the same object).
 * copy != 0: a new set copied from it (BUILD_SET 0 + SET_UPDATE); else the frozenset itself (`for`
 * and `in` over the display). New reference or NULL. */
SPZ_API PyObject *spz_folded_set(SpzFunction *f, int idx, int copy) {
    PyObject *c = f->mod->consts[idx];
    if (!PyFrozenSet_CheckExact(c)) {
        if (!PyTuple_CheckExact(c) || PyTuple_GET_SIZE(c) != 1) {
            PyErr_SetString(PyExc_SystemError, "spyc: malformed folded set constant");
            return NULL;
        }
        PyObject *a[2] = {f->pyfn, PyTuple_GET_ITEM(c, 0)};
        PyObject *fs = spz_helper_call("folded_set", a, 2);
        if (fs == NULL) return NULL;
        if (!PyFrozenSet_CheckExact(fs)) {
            Py_DECREF(fs);
            PyErr_SetString(PyExc_SystemError, "spyc: folded set constant is not a frozenset");
            return NULL;
        }
        Py_SETREF(f->mod->consts[idx], fs);
        c = fs;
    }
    return copy ? PySet_New(c) : Py_NewRef(c);
}

/* Wrap the Python function CPython created for def `fdef`. New reference or NULL. */
static PyObject *spz_function_new(SpzModuleDef *mod, const SpzFuncDef *fdef, PyObject *pyfn) {
    if (!PyFunction_Check(pyfn)) {
        PyErr_Format(PyExc_TypeError, "spyc: compiled def '%s' (line %d) must decorate a function, not %.200s",
                     fdef->qualname, fdef->def_lineno, Py_TYPE(pyfn)->tp_name);
        return NULL;
    }
    PyCodeObject *co = (PyCodeObject *)PyFunction_GetCode(pyfn);
    int has_varargs = (co->co_flags & CO_VARARGS) != 0, has_varkw = (co->co_flags & CO_VARKEYWORDS) != 0;
    int expected = co->co_argcount + co->co_kwonlyargcount + has_varargs + has_varkw;
    if (expected != fdef->nslots) {
        PyErr_Format(PyExc_SystemError, "spyc: compiled def '%s' has %d slots but its source signature has %d",
                     fdef->qualname, fdef->nslots, expected);
        return NULL;
    }
    SpzFunction *f = (SpzFunction *)PyType_GenericAlloc(&SpzFunction_Type, 0);
    if (f == NULL) return NULL;
    f->def = fdef;
    f->mod = mod;
    f->vectorcall = spz_function_vectorcall;
    f->argcount = co->co_argcount;
    f->kwonlycount = co->co_kwonlyargcount;
    f->has_varargs = has_varargs;
    f->has_varkw = has_varkw;
    f->pyfn = Py_NewRef(pyfn);
    f->globals = Py_NewRef(PyFunction_GetGlobals(pyfn));
    /* As CPython's function creation: globals['__builtins__'], a module meaning its dict. */
    PyObject *b = PyDict_GetItemWithError(f->globals, spz_str.builtins_dunder);
    if (b == NULL && PyErr_Occurred()) goto error;
    if (b != NULL && PyModule_Check(b)) b = PyModule_GetDict(b);
    if (b == NULL) b = PyEval_GetBuiltins();
    f->builtins = Py_XNewRef(b);
    if ((f->name = PyObject_GetAttr(pyfn, spz_str.name)) == NULL) goto error;
    if ((f->qualname = PyObject_GetAttr(pyfn, spz_str.qualname)) == NULL) goto error;
    if ((f->module = PyObject_GetAttr(pyfn, spz_str.module)) == NULL) goto error;
    if ((f->doc = PyObject_GetAttr(pyfn, spz_str.doc)) == NULL) goto error;
    PyObject *d = PyObject_GenericGetDict(pyfn, NULL);
    if (d == NULL) goto error;
    f->dict = PyDict_Copy(d);
    Py_DECREF(d);
    if (f->dict == NULL) goto error;
    /* as the interpreted @checked wrapper (spyc._checked: w.__wrapped__ = fn); a function compiled
     * without @checked (--all) has no __wrapped__, like the plain function it replaces */
    if (fdef->checked && PyDict_SetItemString(f->dict, "__wrapped__", pyfn) < 0) goto error;
    f->defaults = Py_XNewRef(PyFunction_GetDefaults(pyfn));
    f->kwdefaults = Py_XNewRef(PyFunction_GetKwDefaults(pyfn));
    PyObject *varnames = PyCode_GetVarnames(co);
    if (varnames == NULL) goto error;
    f->kwonly_names = PyTuple_GetSlice(varnames, co->co_argcount, co->co_argcount + co->co_kwonlyargcount);
    Py_DECREF(varnames);
    if (f->kwonly_names == NULL) goto error;
    return (PyObject *)f; /* PyType_GenericAlloc already GC-tracked it */
error:
    Py_DECREF(f);
    return NULL;
}
