/* objects.c -- @frozen / @record classes in generic code (see spz/objects.h): the per-class C
 * plan, construction in C, and the record field descriptor used by attribute-store caches. */

/* ---- record field descriptor ------------------------------------------------------------------ */

typedef struct {
    PyObject_HEAD
    PyObject *name;        /* the field name (owned) */
    Py_ssize_t offset;
    int code;              /* -1: unchecked */
    PyTypeObject *exact;   /* inline fast test (NULL: none; code 0 never passes) */
    int native;            /* a native double field (spz_obj_native_layout): the value stored unboxed */
} SpzRecordField;

/* the slot store that the generated __setattr__'s `__spyc_set{i}(self, value)` does */
static inline void spz_obj_slot_put(PyObject *o, Py_ssize_t offset, PyObject *owned) {
    PyObject **p = (PyObject **)((char *)o + offset);
    PyObject *old = *p;
    *p = owned;
    Py_XDECREF(old);
}

/* 1 when exact int v is in the i64 range */
static inline int spz_obj_in_i64(PyObject *v) {
    int ovf = 0;
    (void)PyLong_AsLongLongAndOverflow(v, &ovf);
    return ovf == 0;
}

static int spz_record_field_set(PyObject *self, PyObject *o, PyObject *v) {
    SpzRecordField *f = (SpzRecordField *)self;
    if (v != NULL && f->native) {
        /* the checked store of an exact float or an int (promoted); anything else raises in the
         * generated __setattr__ before it reaches the member */
        double d;
        if (PyFloat_CheckExact(v)) d = PyFloat_AS_DOUBLE(v);
        else if (PyLong_CheckExact(v) && !((d = PyLong_AsDouble(v)) == -1.0 && PyErr_Occurred())) {}
        else { PyErr_Clear(); return PyObject_SetAttr(o, f->name, v); }
        *(double *)((char *)o + f->offset) = d;
        return 0;
    }
    if (v != NULL) {
        if (f->code < 0) { spz_obj_slot_put(o, f->offset, Py_NewRef(v)); return 0; }
        if (Py_TYPE(v) == f->exact && (f->code != 5 || spz_obj_in_i64(v))) {
            spz_obj_slot_put(o, f->offset, Py_NewRef(v));
            return 0;
        }
        if (f->code == 2 && PyLong_CheckExact(v)) {
            double d = PyLong_AsDouble(v);
            if (!(d == -1.0 && PyErr_Occurred())) {
                PyObject *x = PyFloat_FromDouble(d);
                if (x == NULL) return -1;
                spz_obj_slot_put(o, f->offset, x);
                return 0;
            }
            PyErr_Clear();  /* the generated __setattr__ raises float()'s OverflowError */
        }
    }
    return PyObject_SetAttr(o, f->name, v);
}

static PyObject *spz_record_field_get(PyObject *self, PyObject *o, PyObject *type) {
    (void)type; /* tp_descr_get's owner argument: the field reads the instance only */
    SpzRecordField *f = (SpzRecordField *)self;
    if (o == NULL) return Py_NewRef(self);
    if (f->native) return PyFloat_FromDouble(*(double *)((char *)o + f->offset));
    PyObject *v = *(PyObject **)((char *)o + f->offset);
    if (v != NULL) return Py_NewRef(v);
    return PyObject_GetAttr(o, f->name);
}

static void spz_record_field_dealloc(PyObject *self) {
    Py_XDECREF(((SpzRecordField *)self)->name);
    PyObject_Free(self);
}

static PyTypeObject SpzRecordField_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spyc_record_field",
    .tp_basicsize = sizeof(SpzRecordField),
    .tp_dealloc = spz_record_field_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_descr_get = spz_record_field_get,
    .tp_descr_set = spz_record_field_set,
};

/* ---- per-class plan ---------------------------------------------------------------------------- */

#define SPZ_OBJ_CAPSULE "spyc.objplan.v1"

/* The plan lives in a capsule on the class's __spyc_info__, which the GC cannot traverse: it must
 * not own anything that refers back to the class, or the class, its info and the capsule form an
 * uncollectable cycle (issue 13: every class discarded after a compiled construction leaked). So
 * `ctor` (the generated constructor, whose closure holds the class) is borrowed -- info.ctor keeps
 * it alive as long as the capsule -- and so is every field's `exact` type: it may be the class
 * itself, or another record class whose own plan refers back to this one (two capsules in the
 * cycle); the field's resolved node in info.nodes (set once, never reset) keeps it alive. */
static void spz_obj_plan_free(SpzObjPlan *p) {
    for (Py_ssize_t i = 0; i < p->n; i++) Py_XDECREF(p->f[i].descr);
    Py_XDECREF(p->fields);
    Py_XDECREF(p->defaults);
    Py_XDECREF(p->building);
    PyMem_Free(p);
}

static void spz_obj_capsule_free(PyObject *cap) {
    SpzObjPlan *p = (SpzObjPlan *)PyCapsule_GetPointer(cap, SPZ_OBJ_CAPSULE);
    if (p != NULL) spz_obj_plan_free(p);
    else PyErr_Clear();
}

static PyObject *spz_obj_str(PyObject **cache, const char *s) {
    if (*cache == NULL) *cache = PyUnicode_InternFromString(s);
    return *cache;
}

/* The C plan of frozen/record class tp (version tag `version`), cached on its __spyc_info__.
 * NULL without an exception: not a spyc class or no plan now (the ordinary path decides);
 * *retry is set when that may change without the class changing (class_plan raised). */
static SpzObjPlan *spz_obj_plan(PyTypeObject *tp, unsigned int version, int *retry) {
    static PyObject *s_info, *s_frozen, *s_record, *s_cplan, *s_ctor, *class_plan;
    if (!PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE) || tp->tp_dict == NULL) return NULL;
    if (spz_obj_str(&s_info, "__spyc_info__") == NULL || spz_obj_str(&s_frozen, "__spyc_frozen__") == NULL ||
        spz_obj_str(&s_record, "__spyc_record__") == NULL || spz_obj_str(&s_cplan, "_spz_cplan") == NULL ||
        spz_obj_str(&s_ctor, "ctor") == NULL) { PyErr_Clear(); return NULL; }
    PyObject *info = PyDict_GetItemWithError(tp->tp_dict, s_info);
    if (info == NULL) { PyErr_Clear(); return NULL; }
    int record;
    if (PyDict_GetItemWithError(tp->tp_dict, s_frozen) == Py_True) record = 0;
    else if (PyDict_GetItemWithError(tp->tp_dict, s_record) == Py_True) record = 1;
    else { PyErr_Clear(); return NULL; }
    Py_INCREF(info);
    SpzObjPlan *p = NULL;
    PyObject *cap = PyObject_GetAttr(info, s_cplan);
    if (cap != NULL && PyCapsule_IsValid(cap, SPZ_OBJ_CAPSULE)) {
        p = (SpzObjPlan *)PyCapsule_GetPointer(cap, SPZ_OBJ_CAPSULE);
        if (p->type != tp || p->version != version) p = NULL;
    }
    Py_XDECREF(cap);  /* info holds it */
    PyErr_Clear();
    if (p != NULL) { Py_DECREF(info); return p; }

    PyObject *plan = NULL;
    *retry = 1;
    if (class_plan == NULL) {
        PyObject *m = PyImport_ImportModule("spyc._plan");
        if (m != NULL) { class_plan = PyObject_GetAttrString(m, "class_plan"); Py_DECREF(m); }
        if (class_plan == NULL) goto fail;
    }
    plan = PyObject_CallOneArg(class_plan, (PyObject *)tp);  /* resolves the annotations */
    if (plan == NULL || !PyTuple_CheckExact(plan) || PyTuple_GET_SIZE(plan) != 6) goto fail;
    PyObject *fields = PyTuple_GET_ITEM(plan, 1), *entries = PyTuple_GET_ITEM(plan, 2);
    PyObject *defaults = PyTuple_GET_ITEM(plan, 3), *building = PyTuple_GET_ITEM(plan, 5);
    long flags = PyLong_AsLong(PyTuple_GET_ITEM(plan, 4));
    if (flags == -1 && PyErr_Occurred()) goto fail;
    if (!PyTuple_CheckExact(fields) || !PyTuple_CheckExact(entries) || !PyTuple_CheckExact(defaults) ||
        PyTuple_GET_SIZE(fields) != PyTuple_GET_SIZE(entries) || PyTuple_GET_SIZE(defaults) > PyTuple_GET_SIZE(fields) ||
        (building != Py_None && !PySet_CheckExact(building)))
        goto fail;
    Py_ssize_t n = PyTuple_GET_SIZE(fields);
    p = (SpzObjPlan *)PyMem_Calloc(1, sizeof(SpzObjPlan) + (size_t)(n > 0 ? n : 1) * sizeof(SpzObjField));
    if (p == NULL) goto fail;
    p->type = tp;
    p->version = version;
    p->record = record;
    p->n = n;
    p->fields = Py_NewRef(fields);
    p->defaults = Py_NewRef(defaults);
    p->building = building == Py_None ? NULL : Py_NewRef(building);
    *retry = 0;
    p->ctor = PyObject_GetAttr(info, s_ctor);
    if (p->ctor == NULL) PyErr_Clear();
    else Py_DECREF(p->ctor);  /* borrowed: info.ctor holds it (see spz_obj_plan_free) */
    /* flags: CLASS_GENERATED_INIT (1), CLASS_POST_INIT (2) */
    p->post_init = (flags & 2) != 0;
    p->can_construct = (flags & 1) && (SPZ_OBJ_POST_INIT || !p->post_init) && p->ctor != NULL && n <= SPZ_OBJ_MAXF;
    if (record && PyType_Ready(&SpzRecordField_Type) < 0) goto fail_p;
    for (Py_ssize_t i = 0; i < n; i++) {
        SpzObjField *f = &p->f[i];
        PyObject *name = PyTuple_GET_ITEM(fields, i);
        PyObject *m = PyUnicode_CheckExact(name) ? _PyType_Lookup(tp, name) : NULL;
        if (m == NULL || Py_TYPE(m) != &PyMemberDescr_Type || PyDescr_TYPE(m) != tp) goto fail_p;
        PyMemberDef *md = ((PyMemberDescrObject *)m)->d_member;
        /* T_DOUBLE: a float field of a native layout (spz_obj_native_layout), checked below */
        if ((md->type != T_OBJECT_EX && md->type != T_DOUBLE) || md->flags != 0 || md->offset <= 0) goto fail_p;
        f->offset = md->offset;
        f->native = md->type == T_DOUBLE;
        PyObject *e = PyTuple_GET_ITEM(entries, i);
        if (e == Py_None) {
            f->code = -1;
        } else {
            if (!PyTuple_CheckExact(e) || PyTuple_GET_SIZE(e) != 4) goto fail_p;
            long code = PyLong_AsLong(PyTuple_GET_ITEM(e, 0));
            if (code == -1 && PyErr_Occurred()) goto fail_p;
            int acyc = PyObject_IsTrue(PyTuple_GET_ITEM(e, 3));
            if (acyc < 0) goto fail_p;
            PyObject *arg = PyTuple_GET_ITEM(e, 1);
            PyTypeObject *exact = NULL;
            switch (code) {
            case 1: case 5: exact = &PyLong_Type; break;
            case 2: exact = &PyFloat_Type; break;
            case 3: exact = &PyBool_Type; break;
            case 4: exact = &PyUnicode_Type; break;
            case 6: exact = PyType_Check(arg) ? (PyTypeObject *)arg : NULL; break;
            case 7: exact = Py_TYPE(Py_None); break;
            default: exact = NULL; break;
            }
            f->code = exact == NULL ? 0 : (int)code;
            f->acyclic = acyc;
            f->exact = exact;  /* borrowed (see spz_obj_plan_free) */
        }
        if (f->native && f->code != 2) goto fail_p;  /* only float fields are laid out native */
        if (record) {
            SpzRecordField *d = PyObject_New(SpzRecordField, &SpzRecordField_Type);
            if (d == NULL) goto fail_p;
            d->name = Py_NewRef(name);
            d->offset = f->offset;
            d->code = f->code;
            d->exact = f->exact;  /* compared only */
            d->native = f->native;
            f->descr = (PyObject *)d;
        }
    }
    cap = PyCapsule_New(p, SPZ_OBJ_CAPSULE, spz_obj_capsule_free);
    if (cap == NULL) goto fail_p;
    if (PyObject_SetAttr(info, s_cplan, cap) < 0) { Py_DECREF(cap); goto fail; }  /* capsule frees p */
    Py_DECREF(cap);  /* info holds it */
    Py_DECREF(plan);
    Py_DECREF(info);
    return p;
fail_p:
    spz_obj_plan_free(p);
fail:
    /* a resolution error (NameError, ...) is raised again by the ordinary path, which the
     * caller takes; nothing is cached, so the next use retries -- as the interpreted class */
    PyErr_Clear();
    Py_XDECREF(plan);
    Py_DECREF(info);
    return NULL;
}

/* ---- construction --------------------------------------------------------------------------- */

/* tp's version tag, assigning one if it has none (0: cannot be cached). On 3.11 a type lookup
 * assigns it (attrcache.c's spz_ac_version). */
static unsigned int spz_obj_version(PyTypeObject *tp) {
    static PyObject *s_probe;
    if (tp->tp_version_tag == 0 && spz_obj_str(&s_probe, "__spyc_info__") != NULL) (void)_PyType_Lookup(tp, s_probe);
    PyErr_Clear();
    return spz_ac_version(tp);
}

/* Fill c for the class callee (a frozen/record class: its metaclass is not `type`); never raises. */
static void spz_obj_cache_fill(PyObject *callee, SpzObjCallCache *c) {
    static PyObject *s_call;
    PyTypeObject *tp = (PyTypeObject *)callee, *mt = Py_TYPE(callee);
    c->type = NULL;
    c->version = c->meta_version = 0;
    c->plan = NULL;
    if (spz_obj_str(&s_call, "__call__") == NULL) { PyErr_Clear(); return; }
    PyObject *call = _PyType_Lookup(mt, s_call);  /* borrowed; assigns mt's tag on 3.11 */
    unsigned int version = spz_obj_version(tp), mversion = spz_obj_version(mt);
    if (version == 0 || mversion == 0 || mt->tp_call == NULL) return;
    int retry = 0;
    SpzObjPlan *p = spz_obj_plan(tp, version, &retry);
    PyErr_Clear();
    if (retry || tp->tp_version_tag != version || mt->tp_version_tag != mversion) return;  /* no plan yet, or class_plan changed the class */
    c->type = tp;
    c->version = version;
    c->meta_version = mversion;
    c->plan = p != NULL && p->can_construct && call != NULL && call == p->ctor ? p : NULL;
}

SPZ_API PyObject *spz_obj_vcall_fill(PyObject *callee, PyObject *const *args, size_t nargsf, PyObject *kwnames, SpzObjCallCache *c) {
    spz_obj_cache_fill(callee, c);
    return PyObject_Vectorcall(callee, args, nargsf, kwnames);
}

/* `o.__post_init__()` of the generated constructor; frozen: `_building.add(id(o))` around it,
 * discarded in every case. Steals obj; returns it, or NULL (obj dropped) if __post_init__ raised. */
static PyObject *spz_obj_post_init(SpzObjPlan *p, PyObject *obj) {
    static PyObject *s_post;
    if (spz_obj_str(&s_post, "__post_init__") == NULL) { Py_DECREF(obj); return NULL; }
    PyObject *key = NULL;
    if (p->building != NULL) {
        key = PyLong_FromVoidPtr(obj);  /* id(obj) */
        if (key == NULL || PySet_Add(p->building, key) < 0) { Py_XDECREF(key); Py_DECREF(obj); return NULL; }
    }
    PyObject *r = PyObject_CallMethodNoArgs(obj, s_post);
    if (key != NULL) {
        PyObject *et, *ev, *tb;
        PyErr_Fetch(&et, &ev, &tb);  /* the finally: keep __post_init__'s exception */
        int d = PySet_Discard(p->building, key);
        Py_DECREF(key);
        if (d < 0) {
            if (et != NULL) { Py_XDECREF(et); Py_XDECREF(ev); Py_XDECREF(tb); }
            Py_XDECREF(r);
            Py_DECREF(obj);
            return NULL;
        }
        PyErr_Restore(et, ev, tb);
    }
    if (r == NULL) { Py_DECREF(obj); return NULL; }
    Py_DECREF(r);
    return obj;
}

static PyObject *spz_obj_try_construct(PyObject *callee, SpzObjPlan *p, PyObject *const *args, size_t nargsf, PyObject *kwnames);
/* What spz_obj_try_construct returns when the ordinary call must run instead (never an object). */
static char spz_obj_fallback_;
#define SPZ_OBJ_FALLBACK ((PyObject *)&spz_obj_fallback_)

SPZ_API PyObject *spz_obj_construct(PyObject *callee, SpzObjPlan *p, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    PyObject *r = spz_obj_try_construct(callee, p, args, nargsf, kwnames);
    /* the generated constructor: binding errors, catalogue errors, the acyclicity check */
    return r != SPZ_OBJ_FALLBACK ? r : PyObject_Vectorcall(callee, args, nargsf, kwnames);
}

/* The instance, NULL with an error, or SPZ_OBJ_FALLBACK (nothing done). */
static PyObject *spz_obj_try_construct(PyObject *callee, SpzObjPlan *p, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf), nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    Py_ssize_t n = p->n, i = 0;
    PyObject *vals[SPZ_OBJ_MAXF];  /* borrowed */
    PyObject *own[SPZ_OBJ_MAXF];   /* the values to store (owned) */
    if (nargs + nkw > n) goto call;
    for (i = 0; i < n; i++) vals[i] = i < nargs ? args[i] : NULL;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *kw = PyTuple_GET_ITEM(kwnames, k);
        Py_ssize_t j = -1;
        for (Py_ssize_t m = nargs; m < n; m++)
            if (PyTuple_GET_ITEM(p->fields, m) == kw) { j = m; break; }
        if (j < 0) {
            for (Py_ssize_t m = nargs; m < n; m++) {
                int eq = PyUnicode_Compare(PyTuple_GET_ITEM(p->fields, m), kw) == 0;
                if (PyErr_Occurred()) { PyErr_Clear(); goto call; }
                if (eq) { j = m; break; }
            }
        }
        if (j < 0 || vals[j] != NULL) goto call;  /* unknown, positional or repeated: CPython's error */
        vals[j] = args[nargs + k];
    }
    Py_ssize_t nd = PyTuple_GET_SIZE(p->defaults), firstd = n - nd;
    for (i = 0; i < n; i++) {
        if (vals[i] != NULL) continue;
        if (i < firstd) goto call;  /* missing argument */
        vals[i] = PyTuple_GET_ITEM(p->defaults, i - firstd);
    }
    int building = p->building != NULL && PySet_GET_SIZE(p->building) > 0;
    for (i = 0; i < n; i++) {
        SpzObjField *f = &p->f[i];
        PyObject *v = vals[i];
        if (f->code < 0) { own[i] = Py_NewRef(v); continue; }
        if (SPZ_LIKELY(Py_TYPE(v) == f->exact)) {
            if (f->code == 5 && !spz_obj_in_i64(v)) goto unwind;
            if (f->acyclic && building) goto unwind;
            own[i] = Py_NewRef(v);
            continue;
        }
        if (f->code == 2 && PyLong_CheckExact(v)) {
            double d = PyLong_AsDouble(v);
            if (d == -1.0 && PyErr_Occurred()) { PyErr_Clear(); goto unwind; }
            own[i] = PyFloat_FromDouble(d);
            if (own[i] == NULL) goto error;
            continue;
        }
        goto unwind;
    }
    PyTypeObject *tp = (PyTypeObject *)callee;
    PyObject *obj = tp->tp_alloc(tp, 0);
    if (obj == NULL) goto error;
    for (i = 0; i < n; i++) {
        if (p->f[i].native) { *(double *)((char *)obj + p->f[i].offset) = PyFloat_AS_DOUBLE(own[i]); Py_DECREF(own[i]); }
        else *(PyObject **)((char *)obj + p->f[i].offset) = own[i];
    }
    if (p->post_init) return spz_obj_post_init(p, obj);
    /* A frozen instance holds only scalars, None, tuples and other frozen instances, none of them
     * under construction (contracts-spec 6.1 P5, the acyclicity check above): it can never be part
     * of a reference cycle, so the cycle collector need not track it -- as CPython untracks dicts
     * and tuples of atomic values. Allocation-heavy code then no longer traverses every such
     * instance in each young and full collection (orderbook's make_orders: see the notes). */
    if (!p->record && PyObject_IS_GC(obj)) PyObject_GC_UnTrack(obj);
    return obj;
error:
    for (Py_ssize_t k = 0; k < i; k++) Py_DECREF(own[k]);
    return NULL;
unwind:
    for (Py_ssize_t k = 0; k < i; k++) Py_DECREF(own[k]);
call:
    return SPZ_OBJ_FALLBACK;
}

/* ---- construction from any caller ----------------------------------------------------------
 * A call of a frozen/record class from interpreted code reaches its metaclass's tp_call
 * (slot_tp_call: the generated `__call__`, a Python frame). For the classes a compiled module
 * defines, spz_obj_install_calls points that slot at spz_obj_meta_call, which builds the instance
 * as spz_vcall_obj does -- same plan, same cache keys (the class's and metaclass's version tags
 * and the metaclass `__call__` being the generated constructor) -- and otherwise calls the slot it
 * replaced. Assigning the metaclass's `__call__` makes CPython reset the slot (update_slot). */
static ternaryfunc spz_meta_call_orig;
static SpzObjCallCache spz_meta_cache[16];  /* by class address */

static PyObject *spz_obj_meta_call(PyObject *cls, PyObject *args, PyObject *kwds) {
    if (kwds == NULL || PyDict_GET_SIZE(kwds) == 0) {
        PyTypeObject *tp = (PyTypeObject *)cls, *mt = Py_TYPE(cls);
        SpzObjCallCache *c = &spz_meta_cache[((uintptr_t)cls >> 6) & 15];
        PyObject *const *items = &PyTuple_GET_ITEM(args, 0);
        Py_ssize_t n = PyTuple_GET_SIZE(args);
        if (!(tp == c->type && tp->tp_version_tag == c->version && mt->tp_version_tag == c->meta_version)) spz_obj_cache_fill(cls, c);
        if (c->type == tp && c->plan != NULL) {
            PyObject *r = spz_obj_try_construct(cls, c->plan, items, (size_t)n, NULL);
            if (r != SPZ_OBJ_FALLBACK) return r;
        }
    }
    return spz_meta_call_orig(cls, args, kwds);
}

/* Point the metaclass call slot of every frozen/record class in ns (a compiled module's namespace
 * after its body ran) at spz_obj_meta_call, when that slot is the one its Python `__call__` set. */
SPZ_API void spz_obj_install_calls(PyObject *ns) {
    static PyObject *s_info, *s_call;
    if (spz_obj_str(&s_info, "__spyc_info__") == NULL || spz_obj_str(&s_call, "__call__") == NULL) { PyErr_Clear(); return; }
    PyObject *k, *v;
    Py_ssize_t pos = 0;
    while (PyDict_Next(ns, &pos, &k, &v)) {
        if (!PyType_Check(v)) continue;
        PyTypeObject *mt = Py_TYPE(v);
        if (mt == &PyType_Type || !(mt->tp_flags & Py_TPFLAGS_HEAPTYPE) || mt->tp_call == NULL || mt->tp_call == spz_obj_meta_call) continue;
        PyObject *info = PyDict_GetItemWithError(((PyTypeObject *)v)->tp_dict, s_info);
        PyObject *call = info != NULL ? PyDict_GetItemWithError(mt->tp_dict, s_call) : NULL;
        if (PyErr_Occurred()) { PyErr_Clear(); continue; }
        if (call == NULL || !PyFunction_Check(call)) continue;
        if (spz_meta_call_orig == NULL) spz_meta_call_orig = mt->tp_call;  /* slot_tp_call */
        if (mt->tp_call == spz_meta_call_orig) mt->tp_call = spz_obj_meta_call;
    }
}

/* ---- record stores ---------------------------------------------------------------------------- */

/* The record plan of tp when its generated __setattr__ (info.setattr) is the one in place, or NULL.
 * *version: tp's version tag, valid for the answer. */
static SpzObjPlan *spz_record_store_plan(PyTypeObject *tp, unsigned int *version) {
    static PyObject *s_setattr, *s_info, *s_setattr_marker;
    if (Py_TYPE(tp) == &PyType_Type || !PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE)) return NULL;
    if (spz_obj_str(&s_setattr, "__setattr__") == NULL || spz_obj_str(&s_info, "__spyc_info__") == NULL ||
        spz_obj_str(&s_setattr_marker, "setattr") == NULL) { PyErr_Clear(); return NULL; }
    PyObject *sa = _PyType_Lookup(tp, s_setattr);  /* borrowed; assigns the tag on 3.11 */
    *version = spz_obj_version(tp);
    if (sa == NULL || *version == 0) return NULL;
    int retry = 0;
    SpzObjPlan *p = spz_obj_plan(tp, *version, &retry);
    if (p == NULL || !p->record || tp->tp_version_tag != *version) return NULL;
    /* the store must be the generated __setattr__ (info.setattr) */
    PyObject *info = PyDict_GetItemWithError(tp->tp_dict, s_info);
    if (info == NULL) { PyErr_Clear(); return NULL; }
    PyObject *marker = PyObject_GetAttr(info, s_setattr_marker);
    if (marker == NULL) { PyErr_Clear(); return NULL; }
    Py_DECREF(marker);  /* info holds it */
    return marker == sa ? p : NULL;
}

SPZ_API Py_ssize_t spz_record_store_offset(PyTypeObject *tp, PyObject *name, PyTypeObject *exact, int wide, unsigned int *tag) {
    unsigned int version = 0;
    SpzObjPlan *p = spz_record_store_plan(tp, &version);
    if (p == NULL) return 0;
    for (Py_ssize_t i = 0; i < p->n; i++) {
        if (PyTuple_GET_ITEM(p->fields, i) != name) {
            int eq = PyUnicode_Compare(PyTuple_GET_ITEM(p->fields, i), name) == 0;
            if (PyErr_Occurred()) { PyErr_Clear(); return 0; }
            if (!eq) continue;
        }
        SpzObjField *f = &p->f[i];
        /* codes: 1 int, 2 float, 3 bool, 5 i64 (see spz_obj_plan) */
        int ok = f->exact == exact && (f->code == 1 || f->code == 2 || f->code == 3 || (f->code == 5 && !wide));
        if (!ok) return 0;
        *tag = version;
        return f->offset | f->native;  /* offsets are pointer-aligned: bit 0 marks a native double */
    }
    return 0;
}

SPZ_API void spz_record_classify(PyObject *o, PyObject *name, SpzRecordFill *c) {
    PyTypeObject *tp = Py_TYPE(o);
    unsigned int version = 0;
    if (!PyUnicode_CheckExact(name)) return;
    SpzObjPlan *p = spz_record_store_plan(tp, &version);
    if (p == NULL) return;
    for (Py_ssize_t i = 0; i < p->n; i++) {
        PyObject *f = PyTuple_GET_ITEM(p->fields, i);
        int eq = f == name;
        if (!eq) {
            eq = PyUnicode_Compare(f, name) == 0;
            if (PyErr_Occurred()) { PyErr_Clear(); return; }
        }
        if (eq) {
            SpzObjField *fi = &p->f[i];
            c->type = tp;
            c->version = version;
            c->method = 0;
            c->value = fi->descr;
#ifdef SPZ_AC_HAS_RECORD
            /* exact-type tests stored inline (a native double's offset marked with bit 0) */
            int inline_ok = fi->code >= 1 && fi->code != 5 && fi->exact != NULL;
            c->kind = SPZ_AC_RECORD;
            c->offset = fi->offset | fi->native;
            c->obj = inline_ok ? (PyObject *)fi->exact : NULL;  /* NULL: every store takes the descriptor */
#else
            c->kind = SPZ_AC_DESCR;  /* the descriptor's tp_descr_set does the whole store */
            c->obj = NULL;
#endif
            return;
        }
    }
}

/* ---- native layout of record float fields -----------------------------------------------------
 * A record class rebuilt by spyc.record keeps each field in a __slots__ member (T_OBJECT_EX: an
 * object pointer). Right after spyc.record returns the class -- before any instance can exist, as
 * the class's __new__ refuses and only its constructor makes instances -- a compiled module turns
 * every field annotated exactly `float` into a T_DOUBLE member at the same offset: the double is
 * stored in the 8 bytes the pointer had. CPython then reads, stores, traverses and clears the
 * field as a C double (member descriptor get/set, subtype_dealloc's clear_slots skip it), and
 * compiled code reads and writes it with no type test and no float object: `b.vx -= dx * m` is
 * a load and a store. Every store still goes through the record's generated __setattr__ first
 * (the contract: exact float, or int converted, else the catalogue TypeError), so the slot only
 * ever receives floats; what differs from the interpreted class is listed in contracts-spec 6.8
 * (stores that bypass the contract with object.__setattr__, instances made by object.__new__).
 * Classes with a user __init__ keep object slots: "did not set field" needs an unset state. */

/* ann is the annotation `float` (the builtin, or the string 'float' the module does not rebind) */
static int spz_obj_ann_is_float(PyObject *ann, PyObject *globalns) {
    if (ann == (PyObject *)&PyFloat_Type) return 1;
    if (!PyUnicode_Check(ann) || PyUnicode_CompareWithASCIIString(ann, "float") != 0) return 0;
    if (globalns == NULL || !PyDict_Check(globalns)) return 0;
    PyObject *g = PyDict_GetItemString(globalns, "float");  /* borrowed */
    return g == NULL || g == (PyObject *)&PyFloat_Type;
}

/* CPython allows `o.__class__ = K` between classes whose __slots__ name the same members (it
 * compares the heap types' ht_slots tuples, typeobject.c same_slots_added), which would let an
 * object slot be read as a double or the reverse. A native member's name in ht_slots gets a
 * suffix no identifier has, so only classes with the same native fields stay compatible.
 * ht_slots with the members in `dbl` (n of them) marked, or NULL with an exception. */
static PyObject *spz_obj_marked_slots(PyTypeObject *tp, PyMemberDef **dbl, int n) {
    PyObject *old = ((PyHeapTypeObject *)tp)->ht_slots;
    if (old == NULL || !PyTuple_CheckExact(old)) { PyErr_SetString(PyExc_TypeError, "no ht_slots"); return NULL; }
    PyObject *marked = PyTuple_New(PyTuple_GET_SIZE(old));
    for (Py_ssize_t i = 0; marked != NULL && i < PyTuple_GET_SIZE(old); i++) {
        PyObject *name = PyTuple_GET_ITEM(old, i);
        int native = 0;
        for (int k = 0; k < n; k++)
            if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, dbl[k]->name) == 0) native = 1;
        PyObject *x = native ? PyUnicode_FromFormat("%U:f64", name) : Py_NewRef(name);
        if (x == NULL) Py_CLEAR(marked);
        else PyTuple_SET_ITEM(marked, i, x);
    }
    return marked;
}

/* Turn the float fields of record class cls (generated constructor) into native doubles. Never
 * raises; anything unexpected leaves the class as it is. */
static void spz_obj_native_layout(PyObject *cls) {
    static PyObject *s_info, *s_record, *s_fields, *s_anns, *s_user_init, *s_globalns;
    if (!PyType_Check(cls) || spz_obj_str(&s_info, "__spyc_info__") == NULL || spz_obj_str(&s_record, "__spyc_record__") == NULL ||
        spz_obj_str(&s_fields, "fields") == NULL || spz_obj_str(&s_anns, "anns") == NULL ||
        spz_obj_str(&s_user_init, "user_init") == NULL || spz_obj_str(&s_globalns, "globalns") == NULL) { PyErr_Clear(); return; }
    PyTypeObject *tp = (PyTypeObject *)cls;
    if (!PyType_HasFeature(tp, Py_TPFLAGS_HEAPTYPE) || tp->tp_dict == NULL) return;
    PyObject *info = PyDict_GetItemWithError(tp->tp_dict, s_info);
    if (info == NULL || PyDict_GetItemWithError(tp->tp_dict, s_record) != Py_True) { PyErr_Clear(); return; }
    PyObject *fields = PyObject_GetAttr(info, s_fields), *anns = PyObject_GetAttr(info, s_anns);
    PyObject *user = PyObject_GetAttr(info, s_user_init), *globalns = PyObject_GetAttr(info, s_globalns);
    PyMemberDef *dbl[SPZ_OBJ_MAXF];
    int n = 0;
    if (fields != NULL && anns != NULL && user == Py_False && PyList_CheckExact(fields) && PyDict_CheckExact(anns) &&
        PyList_GET_SIZE(fields) <= SPZ_OBJ_MAXF) {
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(fields); i++) {
            PyObject *name = PyList_GET_ITEM(fields, i);
            PyObject *ann = PyDict_GetItemWithError(anns, name);
            if (ann == NULL || !spz_obj_ann_is_float(ann, globalns)) continue;
            PyObject *m = PyDict_GetItemWithError(tp->tp_dict, name);
            if (m == NULL || Py_TYPE(m) != &PyMemberDescr_Type || PyDescr_TYPE(m) != tp) continue;
            PyMemberDef *md = ((PyMemberDescrObject *)m)->d_member;
            if (md->type != T_OBJECT_EX || md->flags != 0 || md->offset <= 0 || (md->offset & 7) != 0) continue;
            dbl[n++] = md;
        }
    }
    PyObject *marked = n > 0 ? spz_obj_marked_slots(tp, dbl, n) : NULL;
    if (marked != NULL) {
        /* the member entries of the heap type, shared by tp_members and the descriptors */
        for (int k = 0; k < n; k++) dbl[k]->type = T_DOUBLE;
        Py_SETREF(((PyHeapTypeObject *)tp)->ht_slots, marked);
        PyType_Modified(tp);  /* every cache keyed by the old version tag misses */
    }
    Py_XDECREF(fields);
    Py_XDECREF(anns);
    Py_XDECREF(user);
    Py_XDECREF(globalns);
    PyErr_Clear();
}

/* spyc.record(cls) followed by the native layout (`self` is spyc.record) */
static PyObject *spz_record_native(PyObject *self, PyObject *cls) {
    PyObject *r = PyObject_CallOneArg(self, cls);
    if (r != NULL) spz_obj_native_layout(r);
    return r;
}
static PyMethodDef spz_record_native_def = {"record", spz_record_native, METH_O, NULL};

/* __spyc_layout__(d): the module's prepare step wraps each class decorator expression in this
 * call; d is returned as it is unless it is spyc.record itself, which becomes spz_record_native. */
static PyObject *spz_obj_layout_hook(PyObject *self, PyObject *d) {
    (void)self;
    static PyObject *s_spyc, *s_record;
    if (spz_obj_str(&s_spyc, "spyc") == NULL || spz_obj_str(&s_record, "record") == NULL) return NULL;
    PyObject *mod = PyImport_GetModule(s_spyc);  /* new ref, or NULL: spyc not imported */
    PyObject *rec = mod != NULL ? PyObject_GetAttr(mod, s_record) : NULL;
    Py_XDECREF(mod);
    PyErr_Clear();
    int is_record = rec != NULL && rec == d;
    Py_XDECREF(rec);
    return is_record ? PyCFunction_New(&spz_record_native_def, d) : Py_NewRef(d);
}
static PyMethodDef spz_obj_layout_hook_def = {"__spyc_layout__", spz_obj_layout_hook, METH_O, NULL};

/* the __spyc_layout__ callable the module body sees while it runs (module.c) */
SPZ_API PyObject *spz_obj_layout_hook_new(void) { return PyCFunction_New(&spz_obj_layout_hook_def, NULL); }
