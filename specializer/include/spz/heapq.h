/* spz/heapq.h -- heapq.heappush/heappop fast paths of @checked code (included by specializer.h).
 *
 * A call `M.heappush(h, v)` / `M.heappop(h)` whose receiver is a module (the site's MODULE
 * cache entry, valid while the module's dict is unchanged) and whose attribute is CPython's own
 * _heapq function (its method def, resolved at runtime init by stdcoll.c) is run by the C sift of
 * stdcoll.c when h is an exact list and every item the sift would compare is an exact int in
 * int64: such comparisons run no Python code, so doing them in C is what _heapq does. Those
 * functions first walk the sift read-only; if any compared item is anything else (a float, a
 * tuple, a big int, a bool) or the heap is empty, they return NULL without an error before
 * touching the list, and the ordinary call runs instead -- a rebound name, a replaced function, a
 * list subclass or wrong arguments all take that call too, with CPython's own results and errors. */
#ifndef SPZ_HEAPQ_H
#define SPZ_HEAPQ_H

SPZ_DATA PyMethodDef *spz_heappush_ml, *spz_heappop_ml; /* _heapq's, or NULL */

/* new ref (None / the popped item), or NULL: with an error set a failure, else not decided */
SPZ_API PyObject *spz_heappush_int(PyObject *h, PyObject *v);
SPZ_API PyObject *spz_heappop_int(PyObject *h);

enum { SPZ_HEAPQ_HEAPPUSH = 1, SPZ_HEAPQ_HEAPPOP };

/* M.heappush(args[1], args[2]) / M.heappop(args[1]) (vcall_method `fast` heapq.*) */
static inline PyObject *spz_callmethod_heapq(int which, PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *site) {
    if (spz_ac_module_hit(args[0], &site->e[0]) && PyList_CheckExact(args[1])) {
        PyObject *fn = site->e[0].value;
        PyMethodDef *ml = which == SPZ_HEAPQ_HEAPPUSH ? spz_heappush_ml : spz_heappop_ml;
        if (PyCFunction_CheckExact(fn) && ((PyCFunctionObject *)fn)->m_ml == ml && ml != NULL) {
            PyObject *r = which == SPZ_HEAPQ_HEAPPUSH ? spz_heappush_int(args[1], args[2]) : spz_heappop_int(args[1]);
            if (r != NULL || PyErr_Occurred()) return r;
        }
    }
    return spz_callmethod(name, args, nargsf, kwnames, site);
}

#endif /* SPZ_HEAPQ_H */
