/* errors.c -- exceptions and tracebacks for compiled code.
 *
 * Compiled code has no interpreter frame, so it reproduces what the eval loop does around an
 * exception: PyTraceBack_Here at the failing line (via a cached empty code object + a fresh frame),
 * PUSH_EXC_INFO / POP_EXCEPT for handlers (the thread's exc_info slot), CHECK_EXC_MATCH and
 * do_raise. The protocol the compiler follows is in README.md. */

/* The raised exception, normalized, with its traceback attached; clears it. */
SPZ_API PyObject *spz_exc_fetch(void) {
#if PY_VERSION_HEX >= 0x030C0000
    return PyErr_GetRaisedException();
#else
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL) return NULL;
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb != NULL && value != NULL) PyException_SetTraceback(value, tb);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
#endif
}

SPZ_API void spz_exc_restore(PyObject *exc) {
    if (exc == NULL) return;
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(exc);
#else
    /* 3.11 still keeps (type, value, tb) separately while an exception is raised. */
    PyErr_Restore(Py_NewRef((PyObject *)Py_TYPE(exc)), exc, PyException_GetTraceback(exc));
#endif
}

/* PUSH_EXC_INFO: swap the handled exception of the current exc_info entry. Working on the thread's
 * top entry (not PyErr_SetHandledException's topmost-non-None lookup) mirrors the eval loop
 * exactly, also inside generators. */
SPZ_API PyObject *spz_exc_enter_handler(PyObject *exc) {
    _PyErr_StackItem *ei = PyThreadState_Get()->exc_info;
    PyObject *prev = ei->exc_value;
    ei->exc_value = Py_NewRef(exc);
    return prev;
}

/* POP_EXCEPT. */
SPZ_API void spz_exc_leave_handler(PyObject *prev) {
    _PyErr_StackItem *ei = PyThreadState_Get()->exc_info;
    Py_XSETREF(ei->exc_value, prev);
}

#define SPZ_CANNOT_CATCH_MSG "catching classes that do not inherit from BaseException is not allowed"

SPZ_API int spz_exc_matches(PyObject *exc, PyObject *type) {
    if (PyTuple_Check(type)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(type); i++) {
            if (!PyExceptionClass_Check(PyTuple_GET_ITEM(type, i))) {
                PyErr_SetString(PyExc_TypeError, SPZ_CANNOT_CATCH_MSG);
                return -1;
            }
        }
    } else if (!PyExceptionClass_Check(type)) {
        PyErr_SetString(PyExc_TypeError, SPZ_CANNOT_CATCH_MSG);
        return -1;
    }
    return PyErr_GivenExceptionMatches(exc, type);
}

/* An exception class called with no arguments must produce an instance (do_raise). New ref or NULL. */
static PyObject *spz_instantiate_exc(PyObject *cls) {
    PyObject *v = PyObject_CallNoArgs(cls);
    if (v == NULL) return NULL;
    if (!PyExceptionInstance_Check(v)) {
        PyErr_Format(PyExc_TypeError,
                     "calling %R should have returned an instance of BaseException, not %R",
                     cls, (PyObject *)Py_TYPE(v));
        Py_DECREF(v);
        return NULL;
    }
    return v;
}

SPZ_API int spz_raise(PyObject *exc, PyObject *cause) {
    if (exc == NULL) {
        PyObject *handled = PyErr_GetHandledException();
        if (handled == NULL || handled == Py_None) {
            Py_XDECREF(handled);
            PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
            return SPZ_RAISE_NEW;
        }
        spz_exc_restore(handled);
        return SPZ_RAISE_RERAISE;
    }
    PyObject *value;
    if (PyExceptionClass_Check(exc)) {
        value = spz_instantiate_exc(exc);
        if (value == NULL) return SPZ_RAISE_NEW;
    } else if (PyExceptionInstance_Check(exc)) {
        value = Py_NewRef(exc);
    } else {
        PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
        return SPZ_RAISE_NEW;
    }
    if (cause != NULL) {
        PyObject *fixed;
        if (PyExceptionClass_Check(cause)) {
            fixed = spz_instantiate_exc(cause);
            if (fixed == NULL) { Py_DECREF(value); return SPZ_RAISE_NEW; }
        } else if (PyExceptionInstance_Check(cause)) {
            fixed = Py_NewRef(cause);
        } else if (cause == Py_None) {
            fixed = NULL;
        } else {
            PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
            Py_DECREF(value);
            return SPZ_RAISE_NEW;
        }
        PyException_SetCause(value, fixed); /* steals; also sets __suppress_context__ */
    }
    /* PyErr_SetObject does the implicit chaining (__context__) and keeps value's traceback. */
    PyErr_SetObject((PyObject *)Py_TYPE(value), value);
    Py_DECREF(value);
    return SPZ_RAISE_NEW;
}

/* One empty code object per (function, line): its co_firstlineno is the line a traceback shows
 * for a frame that has not executed an instruction (lasti -1), which is what PyFrame_New gives. */
static PyObject *spz_tb_code(SpzFunction *f, int lineno) {
    PyObject *key = PyLong_FromLong(lineno);
    if (key == NULL) return NULL;
    if (f->tb_codes == NULL && (f->tb_codes = PyDict_New()) == NULL) { Py_DECREF(key); return NULL; }
    PyObject *code = PyDict_GetItemWithError(f->tb_codes, key);
    if (code != NULL) { Py_DECREF(key); return Py_NewRef(code); }
    if (PyErr_Occurred()) { Py_DECREF(key); return NULL; }
    code = (PyObject *)PyCode_NewEmpty(f->mod->filename, f->def->name, lineno);
    if (code == NULL || PyDict_SetItem(f->tb_codes, key, code) < 0) { Py_XDECREF(code); Py_DECREF(key); return NULL; }
    Py_DECREF(key);
    return code;
}

SPZ_API void spz_traceback_add(SpzFunction *f, int lineno) {
    /* Building the code and frame must not see (or clobber) the pending exception. */
    PyObject *exc = spz_exc_fetch();
    if (exc == NULL) return;
    PyObject *code = spz_tb_code(f, lineno);
    PyFrameObject *frame = NULL;
    if (code != NULL) frame = PyFrame_New(PyThreadState_Get(), (PyCodeObject *)code, f->globals, NULL);
    Py_XDECREF(code);
    if (frame == NULL) {
        /* Out of memory while decorating an error: keep the original exception, lose the entry. */
        PyErr_Clear();
        spz_exc_restore(exc);
        return;
    }
    spz_exc_restore(exc);
    PyTraceBack_Here(frame);
    Py_DECREF(frame);
}

/* ---- names ---------------------------------------------------------------------------------- */

/* format_exc_check_arg for NameError: the text, plus .name for "Did you mean" suggestions. */
static void spz_name_error(PyObject *name) {
    const char *s = PyUnicode_AsUTF8(name);
    if (s == NULL) return;
    PyErr_Format(PyExc_NameError, "name '%.200s' is not defined", s);
    PyObject *exc = spz_exc_fetch();
    if (exc != NULL && PyErr_GivenExceptionMatches(exc, PyExc_NameError)) {
        (void)PyObject_SetAttrString(exc, "name", name);
        PyErr_Clear();
    }
    spz_exc_restore(exc);
}

SPZ_API PyObject *spz_load_global(SpzFunction *f, PyObject *name) {
    PyObject *v = PyDict_GetItemWithError(f->globals, name);
    if (v != NULL) return Py_NewRef(v);
    if (PyErr_Occurred()) return NULL;
    if (PyDict_CheckExact(f->builtins)) {
        v = PyDict_GetItemWithError(f->builtins, name);
        if (v != NULL) return Py_NewRef(v);
        if (PyErr_Occurred()) return NULL;
    } else {
        v = PyObject_GetItem(f->builtins, name);
        if (v != NULL) return v;
        if (!PyErr_ExceptionMatches(PyExc_KeyError)) return NULL;
        PyErr_Clear();
    }
    spz_name_error(name);
    return NULL;
}

SPZ_API int spz_store_global(SpzFunction *f, PyObject *name, PyObject *v) {
    return PyDict_SetItem(f->globals, name, v);
}

SPZ_API int spz_del_global(SpzFunction *f, PyObject *name) {
    if (PyDict_DelItem(f->globals, name) == 0) return 0;
    if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        spz_name_error(name);
    }
    return -1;
}

SPZ_API void spz_release_n(int n, ...) {
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        PyObject *o = va_arg(ap, PyObject *);
        Py_XDECREF(o);
    }
    va_end(ap);
}

SPZ_API int spz_raise_unbound_local(PyObject *name) {
    const char *s = PyUnicode_AsUTF8(name);
    if (s == NULL) return -1;
    PyErr_Format(PyExc_UnboundLocalError,
                 "cannot access local variable '%.200s' where it is not associated with a value", s);
    return -1;
}

SPZ_API PyObject *spz_import_name(SpzFunction *f, PyObject *name, PyObject *fromlist, int level) {
    PyObject *imp = PyDict_GetItemString(f->builtins, "__import__");
    if (imp == NULL) {
        PyErr_SetString(PyExc_ImportError, "__import__ not found");
        return NULL;
    }
    PyObject *lvl = PyLong_FromLong(level);
    if (lvl == NULL) return NULL;
    /* Calling __import__ (rather than PyImport_ImportModuleLevelObject) also honours a replaced
     * builtins.__import__, as IMPORT_NAME does; a function frame passes locals=None. */
    PyObject *args[5] = {name, f->globals, Py_None, fromlist ? fromlist : Py_None, lvl};
    PyObject *r = PyObject_Vectorcall(imp, args, 5, NULL);
    Py_DECREF(lvl);
    return r;
}

SPZ_API PyObject *spz_import_from(PyObject *module, PyObject *name) {
    PyObject *x = PyObject_GetAttr(module, name);
    if (x != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError)) return x;
    PyErr_Clear();
    /* A submodule imported but not (yet) bound as an attribute: look in sys.modules. */
    PyObject *pkgname = PyObject_GetAttrString(module, "__name__");
    if (pkgname != NULL && PyUnicode_Check(pkgname)) {
        PyObject *full = PyUnicode_FromFormat("%U.%U", pkgname, name);
        if (full != NULL) {
            x = PyImport_GetModule(full);
            Py_DECREF(full);
            if (x != NULL) { Py_DECREF(pkgname); return x; }
        }
    }
    PyErr_Clear();
    if (pkgname == NULL || !PyUnicode_Check(pkgname)) {
        Py_XDECREF(pkgname);
        pkgname = PyUnicode_FromString("<unknown module name>");
        if (pkgname == NULL) return NULL;
    }
    PyObject *path = PyModule_Check(module) ? PyModule_GetFilenameObject(module) : NULL;
    if (path == NULL) {
        PyErr_Clear();
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (unknown location)", name, pkgname);
    } else {
        PyErr_Format(PyExc_ImportError, "cannot import name %R from %R (%S)", name, pkgname, path);
        Py_DECREF(path);
    }
    /* ImportError carries name/path like CPython's. */
    PyObject *exc = spz_exc_fetch();
    if (exc != NULL) (void)PyObject_SetAttrString(exc, "name", pkgname);
    PyErr_Clear();
    spz_exc_restore(exc);
    Py_DECREF(pkgname);
    return NULL;
}
