/* spz/attrcache.h -- per-site inline caches for attribute loads, stores and method calls in
 * generic code (what CPython's LOAD_ATTR_SLOT, STORE_ATTR_SLOT, LOAD_ATTR_MODULE and
 * LOAD_ATTR_METHOD_NO_DICT specialize).
 *
 * An entry is keyed by the exact type and its `tp_version_tag`: CPython gives a type a fresh,
 * nonzero tag when it is looked up and clears it (PyType_Modified) whenever the type or any
 * class in its MRO changes -- attribute stores on the class, `__bases__`, slot wrappers. Equal
 * tags therefore prove that `_PyType_Lookup(type, name)` still returns the cached descriptor
 * (so it is alive) and that tp_getattro/tp_setattro are still the generic ones checked at fill
 * time. Module attributes are keyed by the module and its dict's version tag (see direct.h).
 * Every other case -- a miss, an empty slot, an unusual type -- runs the C API call that
 * uncached code makes, which also raises every error with CPython's own message.
 */
#ifndef SPZ_ATTRCACHE_H
#define SPZ_ATTRCACHE_H

enum { SPZ_AC_EMPTY = 0, SPZ_AC_SLOT, SPZ_AC_MODULE, SPZ_AC_METHOD };

typedef struct {
    PyTypeObject *type;    /* SLOT/METHOD: the exact type (borrowed; instances keep it alive) */
    unsigned int version;  /* its tp_version_tag when filled (nonzero) */
    int kind;
    Py_ssize_t offset;     /* SLOT: where the T_OBJECT_EX member lives in the instance */
    PyObject *obj;         /* MODULE: the module (borrowed, compared only) */
    uint64_t tag;          /* MODULE: version tag of its dict when filled */
    PyObject *value;       /* MODULE: the attribute (borrowed; the unchanged dict holds it);
                            * METHOD: the function found on the type (borrowed, held by it) */
} SpzAttrCache;

/* Refill the cache for o and perform the operation (slow paths, attrcache.c). */
SPZ_API PyObject *spz_getattr_fill(PyObject *o, PyObject *name, SpzAttrCache *c);
SPZ_API int spz_setattr_fill(PyObject *o, PyObject *name, PyObject *v, SpzAttrCache *c);
SPZ_API PyObject *spz_callmethod_fill(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *c);

static inline int spz_ac_type_hit(PyTypeObject *tp, SpzAttrCache *c) {
    return tp == c->type && tp->tp_version_tag == c->version;
}

static inline int spz_ac_module_hit(PyObject *o, SpzAttrCache *c) {
    return o == c->obj && Py_TYPE(o) == &PyModule_Type && spz_dict_tag(PyModule_GetDict(o)) == c->tag;
}

/* o.name: new reference or NULL */
static inline PyObject *spz_getattr(PyObject *o, PyObject *name, SpzAttrCache *c) {
    if (SPZ_LIKELY(spz_ac_type_hit(Py_TYPE(o), c))) {
        PyObject *v = *(PyObject **)((char *)o + c->offset);
        if (SPZ_LIKELY(v != NULL)) return Py_NewRef(v);
        return PyObject_GetAttr(o, name);  /* unset slot: CPython's AttributeError */
    }
    if (c->kind == SPZ_AC_MODULE && spz_ac_module_hit(o, c)) return Py_NewRef(c->value);
    return spz_getattr_fill(o, name, c);
}

/* o.name = v: 0 or -1 */
static inline int spz_setattr(PyObject *o, PyObject *name, PyObject *v, SpzAttrCache *c) {
    if (SPZ_LIKELY(spz_ac_type_hit(Py_TYPE(o), c))) {
        PyObject **p = (PyObject **)((char *)o + c->offset);
        PyObject *old = *p;
        *p = Py_NewRef(v);
        Py_XDECREF(old);
        return 0;
    }
    return spz_setattr_fill(o, name, v, c);
}

/* args[0].name(args[1:]) as PyObject_VectorcallMethod (args[-1] is writable): new ref or NULL */
static inline PyObject *spz_callmethod(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *c) {
    if (SPZ_LIKELY(spz_ac_type_hit(Py_TYPE(args[0]), c))) {
        PyObject *fn = Py_NewRef(c->value);  /* the call may drop it from the type */
        PyObject *r = PyObject_Vectorcall(fn, args, nargsf, kwnames);
        Py_DECREF(fn);
        return r;
    }
    if (c->kind == SPZ_AC_MODULE && spz_ac_module_hit(args[0], c)) {
        PyObject *fn = Py_NewRef(c->value);
        PyObject *r = PyObject_Vectorcall(fn, args + 1, (PyVectorcall_NARGS(nargsf) - 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        Py_DECREF(fn);
        return r;
    }
    return spz_callmethod_fill(name, args, nargsf, kwnames, c);
}

#endif /* SPZ_ATTRCACHE_H */
