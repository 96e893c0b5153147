/* frames.c -- the slow paths of spz/frames.h: the line table, big frames, and handing a frame
 * record over to the frame object that outlives it. */

/* Fill fi from fn's Python function: its code object and, from code.co_lines(), the first code
 * unit of every line (lines without an instruction take the nearest earlier line's). Never
 * raises: without a line table the frame shows the `def` line. */
SPZ_API void spz_frame_info_fill(SpzFrameInfo *fi, SpzFunction *fn) {
    if (fn->pyfn == NULL || !PyFunction_Check(fn->pyfn)) { fi->state = -1; return; }
    PyCodeObject *co = (PyCodeObject *)PyFunction_GET_CODE(fn->pyfn);
    fi->code = (PyCodeObject *)Py_NewRef(co);
    fi->first = co->co_firstlineno;
    fi->nlocals = co->co_nlocalsplus;
    fi->ip0 = _PyCode_CODE(co) + co->_co_firsttraceable;
    fi->state = 1;
    PyObject *exc = spz_exc_fetch();
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
    if (at != NULL) {
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
        fi->at = at;
        fi->nlines = nl;
    }
    Py_XDECREF(seq);
    PyErr_Clear();
    spz_exc_restore(exc);
}

/* Fast locals beyond SPZ_FRAME_INLINE: the record lives on the heap (NULL: no frame). */
SPZ_API _PyInterpreterFrame *spz_frame_big(SpzFrame *sf, int n) {
    (void)sf;
    return PyMem_Calloc(1, sizeof(_PyInterpreterFrame) + sizeof(PyObject *) * (size_t)n);
}

/* A frame object made for the record outlives the call: it takes the record over, as CPython's
 * take_ownership does (the copy owns its references, f_back links the caller's frame object). */
static void spz_frame_give(PyFrameObject *fo, _PyInterpreterFrame *f) {
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
    nf->owner = FRAME_OWNED_BY_FRAME_OBJECT;
    nf->previous = NULL;
    nf->frame_obj = NULL;
    fo->f_frame = nf;
    if (back != NULL) fo->f_back = back;
    if (!PyObject_GC_IsTracked((PyObject *)fo)) PyObject_GC_Track((PyObject *)fo);
}

/* After the record left the chain: give it to its frame object, or drop what others stored in
 * it (f_locals, fast locals written through a frame object), and free a heap record. */
SPZ_API void spz_frame_release(SpzFrame *sf) {
    _PyInterpreterFrame *f = sf->f;
    PyObject *exc = spz_exc_fetch();
    PyFrameObject *fo = f->frame_obj;
    f->frame_obj = NULL;
    if (fo != NULL && Py_REFCNT(fo) > 1) {
        spz_frame_give(fo, f);
    } else {
        for (int i = 0; i < f->stacktop; i++) Py_CLEAR(f->localsplus[i]);
        Py_CLEAR(f->f_locals);
    }
    Py_XDECREF(fo);
    if (f != &sf->mem.f) PyMem_Free(f);
    sf->f = NULL;
    spz_exc_restore(exc);
}
