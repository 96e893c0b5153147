/* poll.c -- slow path of a loop back edge (spz/poll.h).
 *
 * CPython does what a backward jump owes the rest of the process (pending signal handlers, the
 * GIL for a thread that asked for it after a switch interval, pending calls, asynchronous
 * exceptions, a scheduled GC on 3.13) in its "eval breaker" handler, which every Python function
 * runs at its start (RESUME) when something is pending. So the slow path calls an empty Python
 * function: nothing pending costs one call; anything pending is handled by CPython's own code,
 * with CPython's own hand-over rules (no needless GIL releases that would reset a waiting
 * thread's timer). An exception a handler raises comes back from the call; its traceback loses
 * the helper's frame (the caller then adds the compiled function's entry). */

SPZ_DATA_DEF unsigned spz_poll_ticks; /* declared in spz/poll.h */
static PyObject *spz_poll_fn; /* borrowed from the runtime helper: `def poll(): pass` */

SPZ_API int spz_poll(void) {
    spz_poll_ticks = 0;
    /* The helper's frame must not raise RecursionError where the interpreter, running the loop
     * itself, would not: give the call headroom on the recursion counters, then take it back. */
    PyThreadState *ts = PyThreadState_Get();
#if PY_VERSION_HEX >= 0x030C0000
    ts->py_recursion_remaining += 2;
    ts->c_recursion_remaining += 2;
#else
    ts->recursion_remaining += 2;
#endif
    PyObject *r = PyObject_CallNoArgs(spz_poll_fn);
#if PY_VERSION_HEX >= 0x030C0000
    ts->py_recursion_remaining -= 2;
    ts->c_recursion_remaining -= 2;
#else
    ts->recursion_remaining -= 2;
#endif
    if (r != NULL) {
        Py_DECREF(r);
        return 0;
    }
    PyObject *exc = spz_exc_fetch();
    PyObject *tb = exc ? PyException_GetTraceback(exc) : NULL;
    if (tb != NULL) {
        PyObject *next = (PyObject *)((PyTracebackObject *)tb)->tb_next;
        PyException_SetTraceback(exc, next != NULL ? next : Py_None);
        Py_DECREF(tb);
    }
    spz_exc_restore(exc);
    return -1;
}
