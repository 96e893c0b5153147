/* spz/attrcache.h -- per-site inline caches for attribute loads, stores and method calls in
 * generic code (what CPython's LOAD_ATTR_* / STORE_ATTR_* specializations do).
 *
 * An entry is keyed by the exact type and its `tp_version_tag`: CPython gives a type a fresh,
 * nonzero tag when it is looked up and clears it (PyType_Modified) whenever the type or any
 * class in its MRO changes -- attribute stores on the class, `__bases__`, slot wrappers. Equal
 * tags therefore prove that `_PyType_Lookup(type, name)` still returns the cached descriptor
 * (so it is alive) and that tp_getattro/tp_setattro are still the generic ones checked at fill
 * time. Module attributes are keyed by the module and its dict's version tag (see direct.h).
 *
 * Kinds (what the name resolved to when the entry was filled):
 *   SLOT          a plain __slots__ member: read/write at `offset` in the instance
 *   MODULE        an exact module's dict entry (`value`, valid while the dict's tag is `tag`)
 *   INST          an instance attribute of a class with shared keys (objlayout.h): index
 *                 `offset` of the instance's values array; no data descriptor on the type
 *   DESCR         a data descriptor on the type (property, getset, ...): its __get__/__set__
 *   CLASS         a class attribute, not a data descriptor (`value`: a constant, a function);
 *                 the instance cannot shadow it: the type has no instance dict (`obj` NULL), or
 *                 the name is absent from the shared keys `obj` while they hold `tag` entries and
 *                 the instance uses them (else its dict is searched first)
 * Method calls use CLASS entries whose value is a method descriptor (a function): it is called
 * with the instance as first argument, no bound method. Every other case -- a miss, an empty
 * slot, an unusual type -- runs the C API call that uncached code makes, which also raises every
 * error with CPython's own message.
 */
#ifndef SPZ_ATTRCACHE_H
#define SPZ_ATTRCACHE_H

#include "objlayout.h"

enum { SPZ_AC_EMPTY = 0, SPZ_AC_SLOT, SPZ_AC_MODULE, SPZ_AC_INST, SPZ_AC_DESCR, SPZ_AC_CLASS };

typedef struct {
    PyTypeObject *type;    /* the exact type (borrowed; instances keep it alive) */
    unsigned int version;  /* its tp_version_tag when filled (nonzero) */
    int kind;
    int method;            /* CLASS: value is a method descriptor (call sites only) */
    Py_ssize_t offset;     /* SLOT: where the member lives in the instance; INST: values index */
    PyObject *obj;         /* MODULE: the module (compared only); INST/CLASS: the shared keys */
    uint64_t tag;          /* MODULE: version tag of its dict; CLASS: entries in the keys */
    PyObject *value;       /* MODULE: the attribute (the unchanged dict holds it); DESCR/CLASS:
                            * what the type lookup found (borrowed, held by the unchanged type) */
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

/* CLASS entry on a type hit: 1 when o's own attributes cannot contain the name (so the class
 * attribute is the result), 0 when o has a real dict that must be searched first. */
static inline int spz_ac_not_shadowed(PyObject *o, SpzAttrCache *c) {
    if (c->obj == NULL) return 1;
    return spz_inst_values(o) != NULL && ((SpzDictKeys *)c->obj)->dk_nentries == (Py_ssize_t)c->tag;
}

/* o.name: new reference or NULL */
static inline PyObject *spz_getattr(PyObject *o, PyObject *name, SpzAttrCache *c) {
    PyTypeObject *tp = Py_TYPE(o);
    if (SPZ_LIKELY(spz_ac_type_hit(tp, c))) {
        switch (c->kind) {
        case SPZ_AC_INST: {
            PyObject **vals = spz_inst_values(o);
            if (SPZ_LIKELY(vals != NULL)) {
                PyObject *v = vals[c->offset];
                if (SPZ_LIKELY(v != NULL)) return Py_NewRef(v);
            }
            return PyObject_GetAttr(o, name);
        }
        case SPZ_AC_SLOT: {
            PyObject *v = *(PyObject **)((char *)o + c->offset);
            if (SPZ_LIKELY(v != NULL)) return Py_NewRef(v);
            return PyObject_GetAttr(o, name);  /* unset slot: CPython's AttributeError */
        }
        case SPZ_AC_CLASS:
            if (SPZ_LIKELY(spz_ac_not_shadowed(o, c))) {
                PyObject *d = c->value;
                descrgetfunc get = Py_TYPE(d)->tp_descr_get;
                if (get == NULL) return Py_NewRef(d);
                Py_INCREF(d);  /* __get__ may change the type and drop it */
                PyObject *r = get(d, o, (PyObject *)tp);
                Py_DECREF(d);
                return r;
            }
            return PyObject_GetAttr(o, name);  /* o has a real dict: search it first */
        case SPZ_AC_DESCR: {
            PyObject *d = Py_NewRef(c->value);
            PyObject *r = Py_TYPE(d)->tp_descr_get(d, o, (PyObject *)tp);
            Py_DECREF(d);
            return r;
        }
        default: break;
        }
    }
    if (c->kind == SPZ_AC_MODULE && spz_ac_module_hit(o, c)) return Py_NewRef(c->value);
    return spz_getattr_fill(o, name, c);
}

/* o.name = v: 0 or -1 */
static inline int spz_setattr(PyObject *o, PyObject *name, PyObject *v, SpzAttrCache *c) {
    PyTypeObject *tp = Py_TYPE(o);
    if (SPZ_LIKELY(spz_ac_type_hit(tp, c))) {
        switch (c->kind) {
        case SPZ_AC_INST: {
            PyObject **vals = spz_inst_values_for_store(o);
            if (SPZ_UNLIKELY(vals == NULL)) break;
            PyObject *old = vals[c->offset];
            vals[c->offset] = Py_NewRef(v);
            if (old == NULL) spz_values_add_order(vals, c->offset);
            else Py_DECREF(old);
            return 0;
        }
        case SPZ_AC_SLOT: {
            PyObject **p = (PyObject **)((char *)o + c->offset);
            PyObject *old = *p;
            *p = Py_NewRef(v);
            Py_XDECREF(old);
            return 0;
        }
        case SPZ_AC_DESCR: {
            PyObject *d = Py_NewRef(c->value);
            int r = Py_TYPE(d)->tp_descr_set(d, o, v);
            Py_DECREF(d);
            return r;
        }
        default: break;
        }
        return PyObject_SetAttr(o, name, v);
    }
    return spz_setattr_fill(o, name, v, c);
}

/* args[0].name(args[1:]) as PyObject_VectorcallMethod (args[-1] is writable): new ref or NULL */
static inline PyObject *spz_callmethod(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *c) {
    PyObject *o = args[0];
    if (SPZ_LIKELY(spz_ac_type_hit(Py_TYPE(o), c))) {
        PyObject *fn = NULL;
        if (c->method) {
            if (SPZ_LIKELY(spz_ac_not_shadowed(o, c))) {
                fn = Py_NewRef(c->value);  /* the call may drop it from the type */
                PyObject *r = PyObject_Vectorcall(fn, args, nargsf, kwnames);
                Py_DECREF(fn);
                return r;
            }
        } else if (c->kind == SPZ_AC_INST) {
            PyObject **vals = spz_inst_values(o);
            if (vals != NULL) fn = vals[c->offset];
        } else if (c->kind == SPZ_AC_SLOT) {
            fn = *(PyObject **)((char *)o + c->offset);
        }
        if (fn == NULL) return PyObject_VectorcallMethod(name, args, nargsf, kwnames);
        /* a callable stored on the instance: called without it */
        Py_INCREF(fn);
        PyObject *r = PyObject_Vectorcall(fn, args + 1, (PyVectorcall_NARGS(nargsf) - 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        Py_DECREF(fn);
        return r;
    }
    if (c->kind == SPZ_AC_MODULE && spz_ac_module_hit(o, c)) {
        PyObject *fn = Py_NewRef(c->value);
        PyObject *r = PyObject_Vectorcall(fn, args + 1, (PyVectorcall_NARGS(nargsf) - 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        Py_DECREF(fn);
        return r;
    }
    return spz_callmethod_fill(name, args, nargsf, kwnames, c);
}

#include "generic.h"

#endif /* SPZ_ATTRCACHE_H */
