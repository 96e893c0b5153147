/* attrcache.c -- slow paths of spz/attrcache.h: decide whether a site's object can be cached,
 * fill the entry, and perform the operation through the ordinary C API call. A fill never
 * changes what the call does; it only decides what the next execution of the site may skip. */

/* tp's version tag, assigning one if the type has none (0: the type cannot be cached). */
static unsigned int spz_ac_version(PyTypeObject *tp) {
#if PY_VERSION_HEX >= 0x030C0000
    if (tp->tp_version_tag == 0 && !PyUnstable_Type_AssignVersionTag(tp)) return 0;
#endif
    return tp->tp_version_tag; /* 3.11: _PyType_Lookup just assigned it when it could */
}

/* tp.name resolves to a plain __slots__ member (T_OBJECT_EX, no flags) that applies to tp's
 * instances: its offset, or -1. Called only when tp's getattro/setattro is the generic one. */
static Py_ssize_t spz_ac_slot(PyTypeObject *tp, PyObject *name, unsigned int *version) {
    PyObject *d = _PyType_Lookup(tp, name); /* borrowed; never raises */
    if (d == NULL || Py_TYPE(d) != &PyMemberDescr_Type) return -1;
    PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
    if (m->type != T_OBJECT_EX || m->flags != 0 || m->offset <= 0) return -1;
    if (!PyType_IsSubtype(tp, PyDescr_TYPE(d))) return -1; /* member_get would raise TypeError */
    *version = spz_ac_version(tp);
    return *version != 0 ? m->offset : -1;
}

/* o is an exact module and `name` is an entry of its dict, not shadowed by the module type:
 * fill a MODULE entry (0), or leave the cache alone (1), or -1 on a lookup error. */
static int spz_ac_module(PyObject *o, PyObject *name, SpzAttrCache *c) {
    if (_PyType_Lookup(&PyModule_Type, name) != NULL) return 1;
    PyObject *d = PyModule_GetDict(o);
    uint64_t tag = spz_dict_tag(d); /* read first: a lookup that mutated the dict leaves it stale */
    PyObject *v = PyDict_GetItemWithError(d, name);
    if (v == NULL) return PyErr_Occurred() ? -1 : 1;
    c->kind = SPZ_AC_MODULE;
    c->type = NULL;
    c->version = 0;
    c->obj = o;
    c->tag = tag;
    c->value = v;
    return 0;
}

static void spz_ac_fill_slot(SpzAttrCache *c, PyTypeObject *tp, unsigned int version, Py_ssize_t off) {
    c->kind = SPZ_AC_SLOT;
    c->type = tp;
    c->version = version;
    c->offset = off;
    c->obj = c->value = NULL;
}

SPZ_API PyObject *spz_getattr_fill(PyObject *o, PyObject *name, SpzAttrCache *c) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyModule_Type) {
        if (spz_ac_module(o, name, c) < 0) return NULL;
    } else if (tp->tp_getattro == PyObject_GenericGetAttr) {
        unsigned int version;
        Py_ssize_t off = spz_ac_slot(tp, name, &version);
        if (off > 0) spz_ac_fill_slot(c, tp, version, off);
    }
    return PyObject_GetAttr(o, name);
}

SPZ_API int spz_setattr_fill(PyObject *o, PyObject *name, PyObject *v, SpzAttrCache *c) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp->tp_setattro == PyObject_GenericSetAttr) {
        unsigned int version;
        Py_ssize_t off = spz_ac_slot(tp, name, &version);
        if (off > 0) spz_ac_fill_slot(c, tp, version, off);
    }
    return PyObject_SetAttr(o, name, v);
}

SPZ_API PyObject *spz_callmethod_fill(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *c) {
    PyObject *o = args[0];
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyModule_Type) {
        if (spz_ac_module(o, name, c) < 0) return NULL;
    } else if (tp->tp_getattro == PyObject_GenericGetAttr && tp->tp_dictoffset == 0 &&
               !PyType_HasFeature(tp, Py_TPFLAGS_MANAGED_DICT)) {
        /* no instance dict can shadow it: a method descriptor found on the type is called with
         * o as its first argument, exactly as _PyObject_GetMethod decides */
        PyObject *d = _PyType_Lookup(tp, name);
        unsigned int version = d != NULL && PyType_HasFeature(Py_TYPE(d), Py_TPFLAGS_METHOD_DESCRIPTOR) ? spz_ac_version(tp) : 0;
        if (version != 0) {
            c->kind = SPZ_AC_METHOD;
            c->type = tp;
            c->version = version;
            c->value = d;
            c->obj = NULL;
        }
    }
    return PyObject_VectorcallMethod(name, args, nargsf, kwnames);
}
