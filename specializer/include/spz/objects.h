/* spz/objects.h -- @frozen / @record classes (spyc._frozen, spyc._record) seen from generic code.
 *
 * Construction. `C(args)` in compiled code goes through spz_vcall_obj: when the callee is a
 * class whose metaclass is not `type` (frozen and record classes have a per-class metaclass whose
 * `__call__` is the generated constructor), a per-site SpzObjCallCache keyed by the class, its
 * tp_version_tag and its metaclass's tp_version_tag remembers the class's C plan (SpzObjPlan,
 * built once per class version from spyc._plan.class_plan and kept in a capsule on the class's
 * `__spyc_info__`). A hit binds the arguments (positional, keywords, defaults), applies every
 * field's fast test in order (exact type; i64 range; `int` -> `float` converted as float(v)),
 * then allocates with tp_alloc (what object.__new__ does) and fills the slots: what the generated
 * constructor does, without its Python frame. Anything else -- a fast test that fails, a wrong
 * argument count or keyword, a field that needs the acyclicity check while an instance is under
 * construction, a class with a user `__init__`, a metaclass `__call__` that is not the generated
 * constructor -- makes the ordinary call, which raises the catalogue error. `__post_init__` is
 * called as the generated constructor does: looked up on the new instance, with the instance's id
 * in spyc._frozen._building while it runs (frozen classes), its result ignored.
 *
 * Record stores. A record's `__setattr__` is a generated Python function. The attribute-store
 * cache (attrcache.h) fills, for an exact record type whose `__setattr__` is the generated one and
 * a field name, a RECORD entry: `offset` the slot, `obj` the exact type its fast test accepts
 * (stored inline, replacing the old value; NULL for i64 and unchecked fields), `value` the
 * field's SpzRecordField descriptor, whose tp_descr_set handles every other value: the i64 range,
 * unchecked fields, the int -> float conversion, and else PyObject_SetAttr, i.e. the generated
 * `__setattr__` with its catalogue error. Non-field names are never cached. */
#ifndef SPZ_OBJECTS_H
#define SPZ_OBJECTS_H

#define SPZ_OBJ_MAXF 32  /* classes with more fields take the ordinary call */
#ifndef SPZ_OBJ_POST_INIT
#define SPZ_OBJ_POST_INIT 1  /* 0: classes with __post_init__ take the ordinary call */
#endif

typedef struct {
    Py_ssize_t offset;     /* the member's offset in the instance */
    int code;              /* spyc._plan fast-test code; -1: unchecked (object/Any record field) */
    int acyclic;           /* @frozen field that may hold frozen instances (see class_plan) */
    int native;            /* a T_DOUBLE member: the float stored as a C double (objects.c, native layout) */
    PyTypeObject *exact;   /* the fast test is Py_TYPE(v) == exact (NULL: no inline test) */
    PyObject *descr;       /* record classes: the field's SpzRecordField (owned) */
} SpzObjField;

typedef struct {
    PyTypeObject *type;    /* the class (borrowed) */
    unsigned int version;  /* its tp_version_tag when built */
    int record;            /* 1: @record, 0: @frozen */
    int can_construct;     /* generated constructor (without __post_init__ unless SPZ_OBJ_POST_INIT) */
    int post_init;         /* ... which calls __post_init__ (frozen: with the instance in `building`) */
    PyObject *ctor;        /* info.ctor: the metaclass __call__ it must be (borrowed: info holds it; may be NULL) */
    PyObject *fields;      /* tuple of field names (owned) */
    PyObject *defaults;    /* tuple: defaults of the last fields (owned) */
    PyObject *building;    /* spyc._frozen._building, or NULL for records (owned) */
    Py_ssize_t n;
    SpzObjField f[1];      /* n entries */
} SpzObjPlan;

typedef struct {
    SpzCallCache call;     /* ordinary classes (generic.h) */
    PyTypeObject *type;    /* the frozen/record class (borrowed, compared only) */
    unsigned int version, meta_version;
    SpzObjPlan *plan;      /* NULL: the class is known not to be constructible in C */
} SpzObjCallCache;

SPZ_API PyObject *spz_obj_vcall_fill(PyObject *callee, PyObject *const *args, size_t nargsf, PyObject *kwnames, SpzObjCallCache *c);
SPZ_API PyObject *spz_obj_construct(PyObject *callee, SpzObjPlan *p, PyObject *const *args, size_t nargsf, PyObject *kwnames);
/* after a compiled module's body ran: its frozen/record classes are constructed in C from any caller (objects.c) */
SPZ_API void spz_obj_install_calls(PyObject *ns);
/* __spyc_layout__ (module.c): wraps spyc.record so its class gets native double float fields (objects.c) */
SPZ_API PyObject *spz_obj_layout_hook_new(void);
/* attrcache.c's store fill: a RECORD entry (DESCR where attrcache.h has no RECORD kind) for a
 * record field store, or c untouched. With polymorphic sites (SPZ_AC_WAYS) it fills one entry. */
#ifdef SPZ_AC_WAYS
typedef SpzAttrEntry SpzRecordFill;
#else
typedef SpzAttrCache SpzRecordFill;
#endif
SPZ_API void spz_record_classify(PyObject *o, PyObject *name, SpzRecordFill *c);

/* Specialized stores (spz/spec.h, IR op slot_set): the slot offset of field `name` of record
 * class tp when tp's generated __setattr__ is in place and the field's fast test accepts values of
 * exact type `exact` as they are (float -> float, int -> int or i64 (int64 values are in range),
 * bool -> bool); `wide`: int values up to 2**64 (no i64 field); *tag is tp's version tag. 0 otherwise (never raises). */
SPZ_API Py_ssize_t spz_record_store_offset(PyTypeObject *tp, PyObject *name, PyTypeObject *exact, int wide, unsigned int *tag);

/* callee(*args) like spz_vcall, with frozen/record classes constructed in C */
static inline PyObject *spz_vcall_obj(PyObject *callee, PyObject *const *args, size_t nargsf, PyObject *kwnames, SpzObjCallCache *c) {
    PyTypeObject *mt = Py_TYPE(callee);
    if (SPZ_LIKELY(mt == &PyType_Type || !PyType_FastSubclass(mt, Py_TPFLAGS_TYPE_SUBCLASS)))
        return spz_vcall(callee, args, nargsf, kwnames, &c->call);
    PyTypeObject *tp = (PyTypeObject *)callee;
    if (SPZ_LIKELY(tp == c->type && tp->tp_version_tag == c->version && mt->tp_version_tag == c->meta_version)) {
        if (SPZ_LIKELY(c->plan != NULL)) return spz_obj_construct(callee, c->plan, args, nargsf, kwnames);
        return PyObject_Vectorcall(callee, args, nargsf, kwnames);
    }
    return spz_obj_vcall_fill(callee, args, nargsf, kwnames, c);
}

#endif /* SPZ_OBJECTS_H */
