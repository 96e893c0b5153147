/* iter.c -- the range-iterator layout probe and the generic next (spz/iter.h). */
#include "specializer.h"

SPZ_DATA int spz_range_layout = 0;

/* Which mirror of the range iterator matches CPython's: iterate range(5, 1000, 7) once through
 * CPython and compare the fields; neither matching leaves every loop on the generic path. */
SPZ_API int spz_range_probe(void) {
    PyObject *rng = PyObject_CallFunction((PyObject *)&PyRange_Type, "iii", 5, 1000, 7);
    if (rng == NULL) return -1;
    PyObject *it = PyObject_GetIter(rng);
    Py_DECREF(rng);
    if (it == NULL) return -1;
    int layout = -1;
    if (Py_IS_TYPE(it, &PyRangeIter_Type)) {
        SpzRangeIterA a0 = *(SpzRangeIterA *)it;
        SpzRangeIterB b0 = *(SpzRangeIterB *)it;
        PyObject *first = Py_TYPE(it)->tp_iternext(it);
        if (first == NULL) { Py_DECREF(it); return -1; }
        Py_DECREF(first);
        SpzRangeIterA *a1 = (SpzRangeIterA *)it;
        SpzRangeIterB *b1 = (SpzRangeIterB *)it;
        if (a0.start == 5 && a0.step == 7 && a0.len == 143 && a1->start == 12 && a1->step == 7 && a1->len == 142)
            layout = 1;
        else if (b0.index == 0 && b0.start == 5 && b0.step == 7 && b0.len == 143 && b1->index == 1 && b1->start == 5 && b1->len == 143)
            layout = 2;
    }
    Py_DECREF(it);
    spz_range_layout = layout;
    return 0;
}

SPZ_API PyObject *spz_iter_next_slow(PyObject *it) {
    return PyIter_Next(it);
}
