/* frames.c -- the slow paths of spz/frames.h: the line table, big frames, and handing a frame
 * record over to the frame object that outlives it. */

/* Fill fi from fn's Python function: its code object and, from code.co_lines(), the first code
 * unit of every line (lines without an instruction take the nearest earlier line's). Never
 * raises: without a line table the frame shows the `def` line. */
/* co_localspluskinds bits (internal pycore_code.h; the same in 3.11-3.13) */
#define SPZ_FAST_LOCAL 0x20
#define SPZ_FAST_CELL 0x40
#define SPZ_FAST_FREE 0x80

/* The fast-local slot of each of the body's locals: a plain local of the code object of that
 * name (a cell or free variable is not a register of the body). */
static void spz_frame_slots(SpzFrameInfo *fi, PyCodeObject *co) {
    if (fi->nl <= 0 || co->co_nlocalsplus >= INT16_MAX) return;
    int16_t *slot = PyMem_Malloc(sizeof(int16_t) * (size_t)fi->nl);
    if (slot == NULL) return;
    for (int j = 0; j < fi->nl; j++) {
        slot[j] = (int16_t)co->co_nlocalsplus; /* the scratch slot */
        for (int i = 0; i < co->co_nlocalsplus; i++) {
            unsigned char k = (unsigned char)PyBytes_AS_STRING(co->co_localspluskinds)[i];
            const char *nm = PyUnicode_AsUTF8(PyTuple_GET_ITEM(co->co_localsplusnames, i));
            if (nm != NULL && strcmp(nm, fi->lnames[j]) == 0) {
                if ((k & SPZ_FAST_LOCAL) && !(k & (SPZ_FAST_CELL | SPZ_FAST_FREE))) slot[j] = (int16_t)i;
                break;
            }
        }
    }
    fi->slot = slot;
}

SPZ_API void spz_frame_info_fill(SpzFrameInfo *fi, SpzFunction *fn) {
    if (fn->pyfn == NULL || !PyFunction_Check(fn->pyfn)) { fi->state = -1; return; }
    PyCodeObject *co = (PyCodeObject *)PyFunction_GET_CODE(fn->pyfn);
    fi->code = (PyCodeObject *)Py_NewRef(co);
    fi->first = co->co_firstlineno;
    fi->nlocals = co->co_nlocalsplus;
    fi->ip0 = _PyCode_CODE(co) + co->_co_firsttraceable;
    fi->state = 1;
    fi->nfree = co->co_nfreevars;
    fi->free0 = co->co_nlocalsplus - co->co_nfreevars;
    PyObject *exc = spz_exc_fetch();
    spz_frame_slots(fi, co);
    PyObject *lines = PyObject_CallMethod((PyObject *)co, "co_lines", NULL);
    PyObject *seq = lines ? PySequence_List(lines) : NULL;
    Py_XDECREF(lines);
    int last = fi->first;
    Py_ssize_t n = seq ? PyList_GET_SIZE(seq) : 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = PyList_GET_ITEM(seq, i);
        if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 3 || PyTuple_GET_ITEM(t, 2) == Py_None) continue;
        int ln = (int)PyLong_AsLong(PyTuple_GET_ITEM(t, 2));
        if (ln > last) last = ln;
    }
    int32_t *at = seq ? PyMem_Malloc(sizeof(int32_t) * (size_t)(last - fi->first + 1)) : NULL;
    _Py_CODEUNIT **ip = at ? PyMem_Malloc(sizeof(_Py_CODEUNIT *) * (size_t)(last - fi->first + 1)) : NULL;
    if (at != NULL && ip != NULL) {
        int nl = last - fi->first + 1;
        for (int k = 0; k < nl; k++) at[k] = -1;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *t = PyList_GET_ITEM(seq, i);
            if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 3 || PyTuple_GET_ITEM(t, 2) == Py_None) continue;
            long start = PyLong_AsLong(PyTuple_GET_ITEM(t, 0)) / (long)sizeof(_Py_CODEUNIT);
            int k = (int)PyLong_AsLong(PyTuple_GET_ITEM(t, 2)) - fi->first;
            /* before the first traceable instruction the frame would count as not started */
            if (k >= 0 && k < nl && at[k] < 0 && start >= co->_co_firsttraceable) at[k] = (int32_t)start;
        }
        int prev = co->_co_firsttraceable;
        for (int k = 0; k < nl; k++) { if (at[k] < 0) at[k] = prev; else prev = at[k]; }
        /* absolute code-unit pointers (fi->code keeps the code alive): one load per line move */
        for (int k = 0; k < nl; k++) ip[k] = _PyCode_CODE(co) + at[k];
        fi->at = ip;
        fi->nlines = nl;
    } else {
        PyMem_Free(ip);
    }
    PyMem_Free(at);
    Py_XDECREF(seq);
    PyErr_Clear();
    spz_exc_restore(exc);
}

/* What COPY_FREE_VARS would have done: the closure's cells in the free-variable slots (borrowed;
 * the running function keeps them alive). Frame walkers expect them (3.11's f_locals reads them
 * unchecked). */
SPZ_API void spz_frame_free_vars(_PyInterpreterFrame *f, SpzFunction *fn, const SpzFrameInfo *fi) {
    PyObject *cl = PyFunction_GET_CLOSURE(fn->pyfn);
    for (int i = 0; i < fi->nfree && cl != NULL && i < PyTuple_GET_SIZE(cl); i++) f->localsplus[fi->free0 + i] = PyTuple_GET_ITEM(cl, i);
}

/* Fast locals beyond SPZ_FRAME_INLINE: the record lives on the heap (NULL: no frame). */
SPZ_API _PyInterpreterFrame *spz_frame_big(SpzFrame *sf, int n) {
    (void)sf;
    return PyMem_Calloc(1, sizeof(_PyInterpreterFrame) + sizeof(PyObject *) * (size_t)(n + 1)); /* + scratch */
}

/* A frame object made for the record outlives the call: it takes the record over, as CPython's
 * take_ownership does (the copy owns its references, f_back links the caller's frame object).
 * The record's fast locals are borrowed: the copy takes references to them when they are the
 * body's current values (`locals`), else keeps only the free variables. */
static void spz_frame_give(PyFrameObject *fo, _PyInterpreterFrame *f, int locals) {
    PyFrameObject *back = fo->f_back == NULL ? PyFrame_GetBack(fo) : NULL;
    if (back == NULL) PyErr_Clear();
    _PyInterpreterFrame *nf = (_PyInterpreterFrame *)fo->_f_frame_data;
    memcpy(nf, f, (size_t)((char *)&f->localsplus[f->stacktop] - (char *)f));
    Py_INCREF(SPZ_FRAME_CODE(nf));
#if PY_VERSION_HEX >= 0x030C0000
    Py_INCREF(nf->f_funcobj);
#else
    Py_INCREF(nf->f_func);
#endif
    int free0 = f->stacktop - SPZ_FRAME_CODE(f)->co_nfreevars;
    for (int i = 0; i < f->stacktop; i++) {
        if (locals || i >= free0) Py_XINCREF(nf->localsplus[i]);
        else nf->localsplus[i] = NULL;
    }
    nf->owner = FRAME_OWNED_BY_FRAME_OBJECT;
    nf->previous = NULL;
    nf->frame_obj = NULL;
    fo->f_frame = nf;
    if (back != NULL) fo->f_back = back;
    if (!PyObject_GC_IsTracked((PyObject *)fo)) PyObject_GC_Track((PyObject *)fo);
}

/* After the record left the chain: give it to its frame object (the body's registers are gone:
 * no locals), or drop the f_locals dict a frame object left in it; free a heap record. */
SPZ_API void spz_frame_release(SpzFrame *sf) {
    _PyInterpreterFrame *f = sf->f;
    PyObject *exc = spz_exc_fetch();
    PyFrameObject *fo = f->frame_obj;
    f->frame_obj = NULL;
    if (fo != NULL && Py_REFCNT(fo) > 1) {
        spz_frame_give(fo, f, 0);
    } else {
        Py_CLEAR(f->f_locals);
    }
    Py_XDECREF(fo);
    if (f != &sf->mem.f) PyMem_Free(f);
    sf->f = NULL;
    spz_exc_restore(exc);
}

/* v boxed as `kind` says (kind is not SPZ_BOX_NONE): a new reference, or NULL with an exception */
static PyObject *spz_box_slot(unsigned char kind, SpzSlot v) {
    switch (kind) {
    case SPZ_BOX_I64: return PyLong_FromLongLong(v.i);
    case SPZ_BOX_U64: return PyLong_FromUnsignedLongLong(v.u);
    case SPZ_BOX_F64: return PyFloat_FromDouble(v.f);
    case SPZ_BOX_BOOL: return Py_NewRef(v.b ? Py_True : Py_False);
    default: return spz_i128_to_pylong(v.q);
    }
}

SPZ_API void spz_frame_sync_boxed(_PyInterpreterFrame *cf, const SpzFrameInfo *fi, PyObject **o, const SpzSlot *v,
                                  const unsigned char *kind) {
    if (cf == NULL || fi->slot == NULL) return;
    for (int j = 0; j < fi->nl; j++) {
        if (kind[j] != SPZ_BOX_NONE) Py_XSETREF(o[j], spz_box_slot(kind[j], v[j]));
        cf->localsplus[fi->slot[j]] = o[j];
    }
}

SPZ_API int spz_box_n(int n, PyObject **o, const SpzSlot *v, const unsigned char *kind) {
    for (int j = 0; j < n; j++) {
        if (kind[j] == SPZ_BOX_NONE) continue;
        PyObject *b = spz_box_slot(kind[j], v[j]);
        if (b == NULL) return -1;
        Py_XSETREF(o[j], b);
    }
    return 0;
}

/* The body leaves while a frame object of its record exists: the body has just copied its final
 * locals into the record (still the top of the chain), and the frame object takes the record
 * over now, with references to them, instead of at pop. */
SPZ_API void spz_frame_keep(_PyInterpreterFrame *f) {
    PyObject *exc = spz_exc_fetch();
    PyFrameObject *fo = f->frame_obj;
    f->frame_obj = NULL;
    if (Py_REFCNT(fo) > 1) {
        spz_frame_give(fo, f, 1);
        f->f_locals = NULL; /* moved into the copy */
    }
    Py_DECREF(fo);
    /* the registers are released next; the free variables stay (borrowed from the closure) */
    for (int i = 0; i < f->stacktop - SPZ_FRAME_CODE(f)->co_nfreevars; i++) f->localsplus[i] = NULL;
    spz_exc_restore(exc);
}

/* A traceback entry for the running body's own frame, as CPython's is: the frame object of the
 * record (made now if need be), so tb_frame shows the locals the body just copied into it, its
 * f_back and code. The entry has no instruction (tb_lasti -1: no caret under a sub-expression
 * the record's coarse instruction pointer does not know) and the failing line. Without a frame
 * record, an entry of its own (spz_traceback_add). */
SPZ_API void spz_traceback_live(SpzFunction *self, const SpzFrameInfo *fi, PyThreadState **ts,
                                _PyInterpreterFrame **cf, int lineno) {
    spz_frame_find(ts, cf, fi);
    if (*cf == NULL || SPZ_TOP_FRAME(*ts) != *cf) { spz_traceback_add(self, lineno); return; }
    SPZ_FRAME_IP(*cf) = spz_frame_at(fi, lineno);
    PyObject *exc = spz_exc_fetch();
    if (exc == NULL) return;
    PyFrameObject *fo = PyThreadState_GetFrame(*ts);
    if (fo == NULL || fo->f_frame != *cf) {
        Py_XDECREF(fo);
        PyErr_Clear();
        spz_exc_restore(exc);
        spz_traceback_add(self, lineno);
        return;
    }
    spz_exc_restore(exc);
    if (PyTraceBack_Here(fo) == 0) {
        exc = spz_exc_fetch();
        PyObject *tb = PyException_GetTraceback(exc);
        if (tb != NULL && ((PyTracebackObject *)tb)->tb_frame == fo) {
            ((PyTracebackObject *)tb)->tb_lasti = -1;
            ((PyTracebackObject *)tb)->tb_lineno = lineno;
        }
        Py_XDECREF(tb);
        spz_exc_restore(exc);
    }
    Py_DECREF(fo);
}

SPZ_API PyObject *spz_enter_split(SpzFunction *self, PyObject *const *args, PyThreadState *ts, SpzFrameInfo *fi,
                                  SpzGenericHalf half, unsigned char ret) {
    SpzFrame fr;
    spz_frame_push_in(ts, &fr, self, fi);
    SpzRet r = half(self, args, 0 /* no reserved recursion budget yet (spz_direct_budget) */, fr.ts, fr.f, 0, NULL);
    spz_frame_pop(&fr);
    if (r.st == 0 && ret != SPZ_BOX_NONE) {
        switch (ret) {
        case SPZ_BOX_I64: return PyLong_FromLongLong(r.v.i);
        case SPZ_BOX_U64: return PyLong_FromUnsignedLongLong(r.v.u);
        case SPZ_BOX_F64: return PyFloat_FromDouble(r.v.f);
        default: return Py_NewRef(r.v.b ? Py_True : Py_False);
        }
    }
    return r.st == 1 ? r.v.o : NULL;
}

SPZ_API void spz_frame_lookup(PyThreadState **ts, _PyInterpreterFrame **cf, const SpzFrameInfo *fi) {
    *ts = spz_tstate();
    *cf = spz_frame_mine(*ts, fi);
}
