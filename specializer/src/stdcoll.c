/* stdcoll.c -- the collections.deque and heapq fast paths' runtime side (spz/deque.h,
 * spz/heapq.h): what they rely on, resolved once at runtime init through public API, and the
 * int sift of heappush/heappop. */

SPZ_DATA_DEF PyTypeObject *spz_deque_type;
SPZ_DATA_DEF PyMethodDef *spz_deque_popleft_ml, *spz_deque_append_ml;
SPZ_DATA_DEF PyMethodDef *spz_heappush_ml, *spz_heappop_ml;

/* the method def behind tp.name when it is tp's own method descriptor with exactly `flags` */
static PyMethodDef *spz_type_method_ml(PyTypeObject *tp, const char *name, int flags) {
    PyObject *d = PyObject_GetAttrString((PyObject *)tp, name);
    if (d == NULL) { PyErr_Clear(); return NULL; }
    PyMethodDef *ml = NULL;
    if (Py_IS_TYPE(d, &PyMethodDescr_Type) && PyDescr_TYPE(d) == tp) {
        ml = ((PyMethodDescrObject *)d)->d_method;
        if (ml->ml_flags != flags) ml = NULL;
    }
    Py_DECREF(d);
    return ml;
}

/* deque's facts that spz/deque.h uses: an immutable type (nobody can replace its methods or
 * slots), popleft METH_NOARGS and append METH_O, indexing and truth through sq_item/sq_length
 * only, and Py_SIZE being its length (probed). 0 when any of them does not hold. */
static int spz_deque_resolve(PyTypeObject *tp) {
    if (!(tp->tp_flags & Py_TPFLAGS_IMMUTABLETYPE)) return 0;
    PySequenceMethods *sq = tp->tp_as_sequence;
    PyMappingMethods *mp = tp->tp_as_mapping;
    if (sq == NULL || sq->sq_item == NULL || sq->sq_length == NULL) return 0;
    if (mp != NULL && (mp->mp_subscript != NULL || mp->mp_length != NULL)) return 0;
    if (tp->tp_as_number != NULL && tp->tp_as_number->nb_bool != NULL) return 0;
    spz_deque_popleft_ml = spz_type_method_ml(tp, "popleft", METH_NOARGS);
    spz_deque_append_ml = spz_type_method_ml(tp, "append", METH_O);
    if (spz_deque_popleft_ml == NULL || spz_deque_append_ml == NULL) return 0;
    PyObject *q = PyObject_CallNoArgs((PyObject *)tp);
    if (q == NULL) { PyErr_Clear(); return 0; }
    int ok = Py_SIZE(q) == 0;
    PyObject *r = spz_deque_append_ml->ml_meth(q, Py_None);
    ok = ok && r != NULL && Py_SIZE(q) == 1 && sq->sq_length(q) == 1;
    Py_XDECREF(r);
    r = ok ? spz_deque_popleft_ml->ml_meth(q, NULL) : NULL;
    ok = ok && r == Py_None && Py_SIZE(q) == 0;
    Py_XDECREF(r);
    Py_DECREF(q);
    PyErr_Clear();
    return ok;
}

static PyMethodDef *spz_module_cfunc_ml(PyObject *m, const char *name) {
    PyObject *f = PyObject_GetAttrString(m, name);
    if (f == NULL) { PyErr_Clear(); return NULL; }
    PyMethodDef *ml = PyCFunction_CheckExact(f) ? ((PyCFunctionObject *)f)->m_ml : NULL;
    Py_DECREF(f);
    return ml;
}

/* Called by spz_runtime_init; never fails (a fast path whose facts are missing stays off).
 * Only C modules are imported: _collections and _heapq import nothing. The deque type is kept
 * alive (a reference held for the process), and method defs of C modules are static. */
static void spz_stdcoll_init(void) {
    PyObject *m = PyImport_ImportModule("_collections");
    PyObject *tp = m ? PyObject_GetAttrString(m, "deque") : NULL;
    if (tp != NULL && PyType_Check(tp) && spz_deque_resolve((PyTypeObject *)tp)) spz_deque_type = (PyTypeObject *)Py_NewRef(tp);
    else spz_deque_popleft_ml = spz_deque_append_ml = NULL;
    Py_XDECREF(tp);
    Py_XDECREF(m);
    PyErr_Clear();
    m = PyImport_ImportModule("_heapq");
    if (m != NULL) {
        spz_heappush_ml = spz_module_cfunc_ml(m, "heappush");
        spz_heappop_ml = spz_module_cfunc_ml(m, "heappop");
        Py_DECREF(m);
    }
    PyErr_Clear();
}

/* _heapq's siftdown/siftup (Modules/_heapqmodule.c) move items along one path of the tree. The
 * functions below first walk that path read-only, comparing the int64 values of the items the
 * sift would compare (so the path is the one _heapq takes: it compares the same pairs with `<`),
 * and return NULL without an error, before any change, when one of them is not an exact int in
 * int64; then they make _heapq's moves. A path has at most 63 steps (a list has < 2**63 items). */

SPZ_API PyObject *spz_heappush_int(PyObject *h, PyObject *v) {
    int64_t x, y;
    if (!spz_as_i64(v, &x)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(h), pos = n, path[64];
    int k = 0;
    PyObject **arr = ((PyListObject *)h)->ob_item;
    while (pos > 0) { /* siftdown(heap, 0, n): newitem < parent moves the parent down */
        Py_ssize_t parent = (pos - 1) >> 1;
        if (!spz_as_i64(arr[parent], &y)) return NULL;
        if (!(x < y)) break;
        path[k++] = parent;
        pos = parent;
    }
    if (PyList_Append(h, v) < 0) return NULL;
    arr = ((PyListObject *)h)->ob_item;
    Py_ssize_t hole = n; /* the new item's slot; each parent on the path moves into the hole */
    for (int m = 0; m < k; m++) { arr[hole] = arr[path[m]]; hole = path[m]; }
    arr[hole] = v; /* the list's reference to v, taken by the append */
    Py_RETURN_NONE;
}

SPZ_API PyObject *spz_heappop_int(PyObject *h) {
    Py_ssize_t n = PyList_GET_SIZE(h), end = n - 1, path[64];
    int64_t last, a, b, val[64];
    int k = 0, j;
    if (n == 0) return NULL; /* the ordinary call raises IndexError */
    PyObject **arr = ((PyListObject *)h)->ob_item;
    path[0] = 0;
    if (end > 0) {
        /* siftup(heap, 0) with the last item in slot 0 of the shortened list: the smaller child
         * (the right one unless left < right) moves up, down to a leaf... */
        if (!spz_as_i64(arr[end], &last)) return NULL;
        Py_ssize_t pos = 0, limit = end >> 1;
        while (pos < limit) {
            Py_ssize_t child = 2 * pos + 1;
            if (!spz_as_i64(arr[child], &a)) return NULL;
            if (child + 1 < end) {
                if (!spz_as_i64(arr[child + 1], &b)) return NULL;
                if (!(a < b)) { child++; a = b; }
            }
            path[++k] = child;
            val[k] = a;
            pos = child;
        }
    }
    /* ...then siftdown(heap, 0, leaf): while last < the item moved up into the parent's slot
     * (the one from path[j]), it moves back down and last goes up */
    for (j = k; j > 0 && last < val[j]; j--) {}
    PyObject *lastelt = Py_NewRef(arr[end]);
    if (PyList_SetSlice(h, end, n, NULL) < 0) { Py_DECREF(lastelt); return NULL; }
    if (end == 0) return lastelt;
    arr = ((PyListObject *)h)->ob_item;
    PyObject *ret = arr[0]; /* the list's reference, handed over */
    for (int m = 0; m < j; m++) arr[path[m]] = arr[path[m + 1]];
    arr[path[j]] = lastelt;
    return ret;
}
