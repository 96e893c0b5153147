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
 *   DOUBLE        a T_DOUBLE member (a record's native float field, objects.c): loads box the
 *                 double at `offset` (what the member descriptor's get does, without the call)
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

enum { SPZ_AC_EMPTY = 0, SPZ_AC_SLOT, SPZ_AC_MODULE, SPZ_AC_INST, SPZ_AC_DESCR, SPZ_AC_CLASS, SPZ_AC_RECORD, SPZ_AC_DOUBLE };
#define SPZ_AC_HAS_RECORD 1  /* spz/objects.h: RECORD entries (record field stores) */

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
} SpzAttrEntry;

/* A site holds up to SPZ_AC_WAYS entries (one per exact type, as a polymorphic site in a base
 * class method sees several subclasses); a MODULE entry is always e[0]. When every way is taken,
 * refills back off exponentially (`cool` misses run the plain C API call in between), so a
 * megamorphic site costs what uncached code costs. */
#define SPZ_AC_WAYS 4
typedef struct {
    SpzAttrEntry e[SPZ_AC_WAYS];
    unsigned char next;    /* round-robin victim once all ways are used */
    unsigned char nevict;  /* evictions so far (caps the back-off) */
    unsigned short cool;   /* misses left to run uncached before the next refill */
} SpzAttrCache;

/* Refill the cache for o and perform the operation (slow paths, attrcache.c). */
SPZ_API PyObject *spz_getattr_fill(PyObject *o, PyObject *name, SpzAttrCache *c);
SPZ_API int spz_setattr_fill(PyObject *o, PyObject *name, PyObject *v, SpzAttrCache *c);
SPZ_API PyObject *spz_callmethod_fill(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *c);
/* A CLASS entry's shared keys grew since the fill (a subclass's __init__ adds names after the
 * base's, instances gain attributes later): 1 when `name` is still not among them (the entry is
 * updated to the new count), else 0 with the entry dropped so that the site refills. */
SPZ_API int spz_ac_keys_grew(SpzAttrEntry *c, PyObject *name);

/* PyObject_Vectorcall for the callables generic code calls most (compiled and Python functions):
 * their vectorcall pointer directly, without the dispatch and the thread-state lookup. */
static inline PyObject *spz_call_vc(PyObject *fn, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    PyTypeObject *t = Py_TYPE(fn);
    if (t == &SpzFunction_Type) return ((SpzFunction *)fn)->vectorcall(fn, args, nargsf, kwnames);
    if (t == &PyFunction_Type) return ((PyFunctionObject *)fn)->vectorcall(fn, args, nargsf, kwnames);
    return PyObject_Vectorcall(fn, args, nargsf, kwnames);
}

/* the entry for tp's current version, or NULL */
static inline SpzAttrEntry *spz_ac_find(PyTypeObject *tp, SpzAttrCache *c) {
    unsigned int v = tp->tp_version_tag;
    for (int i = 0; i < SPZ_AC_WAYS; i++)
        if (c->e[i].type == tp && c->e[i].version == v) return &c->e[i];
    return NULL;
}

static inline int spz_ac_module_hit(PyObject *o, SpzAttrEntry *c) {
    return c->kind == SPZ_AC_MODULE && o == c->obj && Py_TYPE(o) == &PyModule_Type && spz_dict_tag(PyModule_GetDict(o)) == c->tag;
}

/* Where o's attributes live for an INST or CLASS entry (c->obj: the type's shared keys): o's
 * values array, or on 3.11/3.12 the split __dict__ that took it over (vars(o), o.__dict__);
 * NULL when o has any other dict. */
static inline PyObject **spz_ac_inst_values(PyObject *o, SpzAttrEntry *c) {
    PyObject **vals = spz_inst_values(o);
    if (SPZ_LIKELY(vals != NULL)) return vals;
    PyObject *d = spz_inst_dict(o);
    return d != NULL ? spz_split_dict_values(d, (SpzDictKeys *)c->obj) : NULL;
}

/* CLASS entry on a type hit: 1 when o's own attributes cannot contain the name (so the class
 * attribute is the result), 0 when o has a real dict that must be searched first. */
static inline int spz_ac_not_shadowed(PyObject *o, SpzAttrEntry *c, PyObject *name) {
    if (c->obj == NULL) return 1;
    if (spz_ac_inst_values(o, c) == NULL) return 0;
    if (SPZ_LIKELY(((SpzDictKeys *)c->obj)->dk_nentries == (Py_ssize_t)c->tag)) return 1;
    return spz_ac_keys_grew(c, name);
}

/* o.name: new reference or NULL */
static inline PyObject *spz_getattr(PyObject *o, PyObject *name, SpzAttrCache *site) {
    PyTypeObject *tp = Py_TYPE(o);
    SpzAttrEntry *c = spz_ac_find(tp, site);
    if (SPZ_LIKELY(c != NULL)) {
        switch (c->kind) {
        case SPZ_AC_INST: {
            PyObject **vals = spz_ac_inst_values(o, c);
            if (SPZ_LIKELY(vals != NULL)) {
                PyObject *v = vals[c->offset];
                if (SPZ_LIKELY(v != NULL)) return Py_NewRef(v);
            } else {
                /* o has a real dict (vars(o), many names, ...): no data descriptor on the type,
                 * so the dict's entry is the answer (CPython's LOAD_ATTR_WITH_HINT) */
                PyObject *d = spz_inst_dict(o);
                if (d != NULL && PyDict_CheckExact(d)) {
                    PyObject *v = PyDict_GetItemWithError(d, name);
                    if (v != NULL) return Py_NewRef(v);
                    if (PyErr_Occurred()) return NULL;
                }
            }
            return PyObject_GetAttr(o, name);
        }
        case SPZ_AC_SLOT: {
            PyObject *v = *(PyObject **)((char *)o + c->offset);
            if (SPZ_LIKELY(v != NULL)) return Py_NewRef(v);
            return PyObject_GetAttr(o, name);  /* unset slot: CPython's AttributeError */
        }
        case SPZ_AC_CLASS:
            if (SPZ_LIKELY(spz_ac_not_shadowed(o, c, name))) {
                PyObject *d = c->value;
                descrgetfunc get = Py_TYPE(d)->tp_descr_get;
                if (get == NULL) return Py_NewRef(d);
                Py_INCREF(d);  /* __get__ may change the type and drop it */
                PyObject *r = get(d, o, (PyObject *)tp);
                Py_DECREF(d);
                return r;
            }
            return PyObject_GetAttr(o, name);  /* o has a real dict: search it first */
        case SPZ_AC_DOUBLE:
            return PyFloat_FromDouble(*(double *)((char *)o + c->offset));
        case SPZ_AC_DESCR: {
            PyObject *d = Py_NewRef(c->value);
            PyObject *r = Py_TYPE(d)->tp_descr_get(d, o, (PyObject *)tp);
            Py_DECREF(d);
            return r;
        }
        default: break;
        }
    }
    if (spz_ac_module_hit(o, &site->e[0])) return Py_NewRef(site->e[0].value);
    return spz_getattr_fill(o, name, site);
}

/* o.name = v: 0 or -1 */
static inline int spz_setattr(PyObject *o, PyObject *name, PyObject *v, SpzAttrCache *site) {
    PyTypeObject *tp = Py_TYPE(o);
    SpzAttrEntry *c = spz_ac_find(tp, site);
    if (SPZ_LIKELY(c != NULL)) {
        switch (c->kind) {
        case SPZ_AC_INST: {
            PyObject **vals = spz_inst_values_for_store(o);
            if (SPZ_UNLIKELY(vals == NULL)) {
                PyObject *d = spz_inst_dict(o);  /* no data descriptor: the instance dict takes it */
                if (d != NULL && PyDict_CheckExact(d) && spz_inst_values(o) == NULL) return PyDict_SetItem(d, name, v);
                break;
            }
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
        case SPZ_AC_RECORD:  /* a @record field (spz/objects.h): obj is the exact type accepted inline */
            if (SPZ_LIKELY(Py_TYPE(v) == (PyTypeObject *)c->obj)) {
                if (c->offset & 1) {  /* a native double (obj is float) */
                    *(double *)((char *)o + (c->offset & ~(Py_ssize_t)1)) = PyFloat_AS_DOUBLE(v);
                    return 0;
                }
                PyObject **p = (PyObject **)((char *)o + c->offset);
                PyObject *old = *p;
                *p = Py_NewRef(v);
                Py_XDECREF(old);
                return 0;
            } else {
                PyObject *d = Py_NewRef(c->value);  /* the field's checked store (objects.c) */
                int r = Py_TYPE(d)->tp_descr_set(d, o, v);
                Py_DECREF(d);
                return r;
            }
        default: break;
        }
        return PyObject_SetAttr(o, name, v);
    }
    return spz_setattr_fill(o, name, v, site);
}

/* args[0].name(args[1:]) as PyObject_VectorcallMethod (args[-1] is writable): new ref or NULL */
static inline PyObject *spz_callmethod(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *site) {
    PyObject *o = args[0];
    SpzAttrEntry *c = spz_ac_find(Py_TYPE(o), site);
    if (SPZ_LIKELY(c != NULL)) {
        PyObject *fn = NULL;
        if (c->method) {
            if (SPZ_LIKELY(spz_ac_not_shadowed(o, c, name))) {
                fn = Py_NewRef(c->value);  /* the call may drop it from the type */
                PyObject *r = spz_call_vc(fn, args, nargsf, kwnames);
                Py_DECREF(fn);
                return r;
            }
        } else if (c->kind == SPZ_AC_INST) {
            PyObject **vals = spz_ac_inst_values(o, c);
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
    if (spz_ac_module_hit(o, &site->e[0])) {
        PyObject *fn = Py_NewRef(site->e[0].value);
        PyObject *r = PyObject_Vectorcall(fn, args + 1, (PyVectorcall_NARGS(nargsf) - 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
        Py_DECREF(fn);
        return r;
    }
    return spz_callmethod_fill(name, args, nargsf, kwnames, site);
}

#include "generic.h"

#endif /* SPZ_ATTRCACHE_H */
