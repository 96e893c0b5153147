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

/* index of `name` in shared keys k, or -1 */
static Py_ssize_t spz_ac_keys_index(SpzDictKeys *k, PyObject *name) {
    SpzUnicodeEntry *e = spz_keys_entries(k);
    for (Py_ssize_t i = 0; i < k->dk_nentries; i++) {
        PyObject *key = e[i].me_key;
        if (key == name) return i;
        if (key != NULL && PyUnicode_CheckExact(key) && PyUnicode_CheckExact(name) &&
            !(PyUnicode_CHECK_INTERNED(key) && PyUnicode_CHECK_INTERNED(name)) && PyUnicode_Compare(key, name) == 0) return i;
    }
    return -1;
}

/* o is an exact module and `name` is an entry of its dict, not shadowed by the module type:
 * fill a MODULE entry (0), or leave the cache alone (1), or -1 on a lookup error. */
static int spz_ac_module(PyObject *o, PyObject *name, SpzAttrEntry *c) {
    if (_PyType_Lookup(&PyModule_Type, name) != NULL) return 1;
    PyObject *d = PyModule_GetDict(o);
    uint64_t tag = spz_dict_tag(d); /* read first: a lookup that mutated the dict leaves it stale */
    PyObject *v = PyDict_GetItemWithError(d, name);
    if (v == NULL) return PyErr_Occurred() ? -1 : 1;
    c->kind = SPZ_AC_MODULE;
    c->type = NULL;
    c->version = 0;
    c->method = 0;
    c->obj = o;
    c->tag = tag;
    c->value = v;
    return 0;
}

/* Classify o.name for an instance of an ordinary type (generic getattro/setattro checked by
 * the caller) and fill c; leaves c EMPTY when nothing can be cached. `call`: a method call site
 * (CLASS entries need a method descriptor). */
static void spz_ac_classify(PyObject *o, PyObject *name, SpzAttrEntry *c, int call) {
    PyTypeObject *tp = Py_TYPE(o);
    c->kind = SPZ_AC_EMPTY;
    c->type = NULL;
    c->version = 0;
    c->method = 0;
    c->obj = c->value = NULL;
    if (!PyUnicode_CheckExact(name)) return;
    PyObject *d = _PyType_Lookup(tp, name); /* borrowed; never raises */
    unsigned int version = spz_ac_version(tp);
    if (version == 0) return;
    PyTypeObject *dt = d != NULL ? Py_TYPE(d) : NULL;
    if (d != NULL && dt->tp_descr_set != NULL) {
        /* a data descriptor wins over the instance */
        if (dt == &PyMemberDescr_Type) {
            PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
            if (m->type == T_OBJECT_EX && m->flags == 0 && m->offset > 0 && PyType_IsSubtype(tp, PyDescr_TYPE(d))) {
                c->kind = SPZ_AC_SLOT;
                c->offset = m->offset;
            } else if (m->type == T_DOUBLE && m->flags == 0 && m->offset > 0 && !call && PyType_IsSubtype(tp, PyDescr_TYPE(d))) {
                c->kind = SPZ_AC_DOUBLE;  /* loads only: stores take the descriptor (spz_setattr_fill) */
                c->offset = m->offset;
            }
        }
        if (c->kind == SPZ_AC_EMPTY && dt->tp_descr_get != NULL && !call) {
            c->kind = SPZ_AC_DESCR;
            c->value = d;
        }
        if (c->kind != SPZ_AC_EMPTY) { c->type = tp; c->version = version; }
        return;
    }
    SpzDictKeys *keys = spz_type_shared_keys(tp);
    if (keys != NULL) {
        Py_ssize_t ix = spz_ac_keys_index(keys, name);
        if (ix >= 0) {
            c->kind = SPZ_AC_INST;
            c->offset = ix;
            c->obj = (PyObject *)keys;
        } else if (d != NULL) {
            c->kind = SPZ_AC_CLASS;
            c->obj = (PyObject *)keys;
            c->tag = (uint64_t)keys->dk_nentries;
        }
    } else if (d != NULL && tp->tp_dictoffset == 0 && !PyType_HasFeature(tp, Py_TPFLAGS_MANAGED_DICT)) {
        c->kind = SPZ_AC_CLASS;  /* no instance dict can shadow it */
    }
    if (c->kind == SPZ_AC_CLASS) {
        c->value = d;
        c->method = PyType_HasFeature(dt, Py_TPFLAGS_METHOD_DESCRIPTOR);
        if (call && !c->method) c->kind = SPZ_AC_EMPTY;
    }
    if (c->kind != SPZ_AC_EMPTY) { c->type = tp; c->version = version; }
}

SPZ_API int spz_ac_keys_grew(SpzAttrEntry *c, PyObject *name) {
    /* shared keys only grow and never reuse an index: a name absent from all entries now was
     * absent when every instance using them stored its attributes */
    SpzDictKeys *k = (SpzDictKeys *)c->obj;
    if (spz_ac_keys_index(k, name) < 0) {
        c->tag = (uint64_t)k->dk_nentries;
        return 1;
    }
    c->kind = SPZ_AC_EMPTY, c->type = NULL, c->version = 0;
    return 0;
}

/* The way to refill for an instance of tp, or NULL while the site backs off: tp's stale entry, else
 * an empty way, else round-robin (each eviction doubles the back-off, up to 128 misses). */
static SpzAttrEntry *spz_ac_victim(SpzAttrCache *site, PyTypeObject *tp) {
    for (int i = 0; i < SPZ_AC_WAYS; i++) if (site->e[i].type == tp) return &site->e[i];
    for (int i = 0; i < SPZ_AC_WAYS; i++) if (site->e[i].type == NULL && site->e[i].kind != SPZ_AC_MODULE) return &site->e[i];
    if (site->cool > 0) { site->cool--; return NULL; }
    if (site->nevict < 7) site->nevict++;
    site->cool = (unsigned short)((1u << site->nevict) - 1);
    site->next = (unsigned char)((site->next + 1) % SPZ_AC_WAYS);
    return &site->e[site->next];
}

/* An INST entry is kept only if the layout mirror (objlayout.h) finds what CPython found -- in
 * o's values, or in o's own dict when it has a combined one (the hit path then looks the name
 * up there, as CPython's LOAD_ATTR_WITH_HINT does). */
static void spz_ac_verify_inst(PyObject *o, PyObject *name, SpzAttrEntry *c, PyObject *found) {
    if (c->kind != SPZ_AC_INST) return;
    PyObject **vals = spz_ac_inst_values(o, c);
    if (vals != NULL && vals[c->offset] == found) return;
    if (vals == NULL) {
        PyObject *d = spz_inst_dict(o);
        if (d != NULL && PyDict_CheckExact(d)) {
            /* (a str-subclass key's __eq__ could raise here: that error is this check's own) */
            PyObject *v = PyDict_GetItemWithError(d, name);
            if (v == found) return;
            PyErr_Clear();
        }
    }
    c->kind = SPZ_AC_EMPTY, c->type = NULL, c->version = 0;
}

SPZ_API PyObject *spz_getattr_fill(PyObject *o, PyObject *name, SpzAttrCache *site) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyModule_Type) {
        if (spz_ac_module(o, name, &site->e[0]) < 0) return NULL;
        return PyObject_GetAttr(o, name);
    }
    if (tp->tp_getattro != PyObject_GenericGetAttr) return PyObject_GetAttr(o, name);
    SpzAttrEntry *c = spz_ac_victim(site, tp);
    if (c == NULL) return PyObject_GetAttr(o, name);
    spz_ac_classify(o, name, c, 0);
    PyObject *r = PyObject_GetAttr(o, name);
    if (c->kind == SPZ_AC_INST) {
        if (r == NULL) c->kind = SPZ_AC_EMPTY, c->type = NULL, c->version = 0;
        else spz_ac_verify_inst(o, name, c, r);
    }
    return r;
}

SPZ_API int spz_setattr_fill(PyObject *o, PyObject *name, PyObject *v, SpzAttrCache *site) {
    PyTypeObject *tp = Py_TYPE(o);
    if (tp->tp_setattro != PyObject_GenericSetAttr) {
        SpzAttrEntry *c = spz_ac_victim(site, tp);
        if (c != NULL) {
            c->kind = SPZ_AC_EMPTY, c->type = NULL, c->version = 0;
            spz_record_classify(o, name, c);  /* @record field stores (objects.c) */
        }
        return PyObject_SetAttr(o, name, v);
    }
    SpzAttrEntry *c = spz_ac_victim(site, tp);
    if (c == NULL) return PyObject_SetAttr(o, name, v);
    spz_ac_classify(o, name, c, 0);
    if (c->kind == SPZ_AC_CLASS || c->kind == SPZ_AC_DOUBLE) c->kind = SPZ_AC_EMPTY, c->type = NULL, c->version = 0;
    if (c->kind == SPZ_AC_DESCR && Py_TYPE(c->value)->tp_descr_set == NULL) c->kind = SPZ_AC_EMPTY, c->type = NULL, c->version = 0;
    int r = PyObject_SetAttr(o, name, v);
    if (r == 0 && c->kind == SPZ_AC_INST) spz_ac_verify_inst(o, name, c, v);
    return r;
}

SPZ_API PyObject *spz_callmethod_fill(PyObject *name, PyObject **args, size_t nargsf, PyObject *kwnames, SpzAttrCache *site) {
    PyObject *o = args[0];
    PyTypeObject *tp = Py_TYPE(o);
    if (tp == &PyModule_Type) {
        if (spz_ac_module(o, name, &site->e[0]) < 0) return NULL;
    } else if (tp->tp_getattro == PyObject_GenericGetAttr) {
        SpzAttrEntry *c = spz_ac_victim(site, tp);
        if (c != NULL) {
            spz_ac_classify(o, name, c, 1);
            if (c->kind == SPZ_AC_INST) {
                PyObject *v = PyObject_GetAttr(o, name);
                if (v == NULL) {
                    c->kind = SPZ_AC_EMPTY, c->type = NULL, c->version = 0;
                    return NULL;
                }
                spz_ac_verify_inst(o, name, c, v);
                PyObject *r = PyObject_Vectorcall(v, args + 1, (PyVectorcall_NARGS(nargsf) - 1) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
                Py_DECREF(v);
                return r;
            }
        }
    }
    return PyObject_VectorcallMethod(name, args, nargsf, kwnames);
}

/* ---- globals (spz/generic.h) ------------------------------------------------------------------ */

SPZ_API PyObject *spz_load_global_fill(SpzFunction *f, PyObject *name, SpzGlobalCache *c) {
    c->value = NULL;
    if (PyDict_CheckExact(f->globals) && PyDict_CheckExact(f->builtins) && PyUnicode_CheckExact(name)) {
        PyObject *v = spz_global_resolve(f, name, c); /* never raises; tags read before the lookups */
        if (v != NULL && c->gtag != 0) return Py_NewRef(v);
        c->value = NULL;
    }
    return spz_load_global(f, name); /* unbound or unusual: CPython's lookup and NameError */
}

/* ---- instantiation (spz/generic.h) ------------------------------------------------------------ */

SPZ_DATA_DEF PyObject *spz_empty_tuple; /* declared in spz/generic.h */
SPZ_DATA_DEF PyMethodDef *spz_round_ml, *spz_min_ml, *spz_max_ml; /* spz/generic.h; set by spz_runtime_init */

SPZ_API PyObject *spz_init_not_none(PyObject *obj, PyObject *r) {
    Py_DECREF(obj);
    if (r == NULL) return NULL;
    PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'", Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    return NULL;
}

SPZ_API PyObject *spz_vcall_type_fill(PyObject *callee, PyObject *const *args, size_t nargsf, PyObject *kwnames, SpzCallCache *c) {
    static PyObject *init_name;
    PyTypeObject *tp = (PyTypeObject *)callee;
    c->type = NULL;
    c->version = 0;
    c->init = NULL;
    if (init_name == NULL) init_name = PyUnicode_InternFromString("__init__");
    if (spz_empty_tuple == NULL) spz_empty_tuple = PyTuple_New(0);
    /* object.__new__ (it only allocates: __init__ is overridden, so extra arguments are fine),
     * not abstract, and __init__ a Python or compiled function (so tp_init is slot_tp_init) */
    if (init_name != NULL && spz_empty_tuple != NULL && tp->tp_new == PyBaseObject_Type.tp_new && tp->tp_init != PyBaseObject_Type.tp_init &&
        !PyType_HasFeature(tp, Py_TPFLAGS_IS_ABSTRACT) && PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE)) {
        PyObject *init = _PyType_Lookup(tp, init_name);
        unsigned int version = spz_ac_version(tp);
        if (init != NULL && version != 0 && (PyFunction_Check(init) || spz_function_check(init))) {
            c->type = tp;
            c->version = version;
            c->init = init;
        }
    }
    return PyObject_Vectorcall(callee, args, nargsf, kwnames);
}

/* ---- zero-argument super() (irbuild superCall) ------------------------------------------------ */

/* super() in a compiled method: `sup` is what the name super resolved to, `first` the current value
 * of the first parameter (NULL if deleted). CPython's super_init reads the frame's __class__ cell;
 * the compiled function's Python twin (f->pyfn) has that cell in its closure.
 * `attr_first`, the first parameter's name, marks `super().name` in a module whose scope has no
 * `super`: CPython 3.12+ compiles it to LOAD_SUPER_ATTR after reading __class__ and the first
 * argument as a free variable and a local (NameError / UnboundLocalError when unbound), whatever
 * `super` is at run time; NULL: the call super_init does (RuntimeError). */
SPZ_API PyObject *spz_super_zero(SpzFunction *f, PyObject *sup, PyObject *first, PyObject *attr_first) {
    static PyObject *class_name;
#if PY_VERSION_HEX < 0x030C0000
    attr_first = NULL;
#endif
    if (attr_first == NULL && sup != (PyObject *)&PySuper_Type) return PyObject_CallNoArgs(sup);
    if (class_name == NULL && (class_name = PyUnicode_InternFromString("__class__")) == NULL) return NULL;
    PyObject *cell = NULL;
    if (f->pyfn != NULL && PyFunction_Check(f->pyfn)) {
        PyObject *closure = PyFunction_GET_CLOSURE(f->pyfn);
        PyObject *freevars = PyCode_GetFreevars((PyCodeObject *)PyFunction_GET_CODE(f->pyfn));
        if (freevars == NULL) return NULL;
        for (Py_ssize_t i = 0; closure != NULL && i < PyTuple_GET_SIZE(freevars) && i < PyTuple_GET_SIZE(closure); i++) {
            if (PyUnicode_Compare(PyTuple_GET_ITEM(freevars, i), class_name) == 0) {
                cell = PyTuple_GET_ITEM(closure, i);
                break;
            }
        }
        Py_DECREF(freevars);
    }
    if (cell == NULL || !PyCell_Check(cell)) {
        PyErr_SetString(PyExc_RuntimeError, "super(): __class__ cell not found");
        return NULL;
    }
    PyObject *cls = PyCell_GET(cell);
    if (attr_first != NULL) {
        if (cls == NULL) return spz_comp_unbound(class_name, 1);
        if (first == NULL) return spz_raise_unbound_local(attr_first), NULL;
        if (sup != (PyObject *)&PySuper_Type) return PyObject_CallNoArgs(sup);
    }
    if (cls == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "super(): empty __class__ cell");
        return NULL;
    }
    if (!PyType_Check(cls)) {
        PyErr_Format(PyExc_RuntimeError, "super(): __class__ is not a type (%s)", Py_TYPE(cls)->tp_name);
        return NULL;
    }
    if (first == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "super(): arg[0] deleted");
        return NULL;
    }
    PyObject *args[2] = {cls, first};
    return PyObject_Vectorcall(sup, args, 2, NULL);
}
