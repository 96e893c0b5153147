/* spz/objlayout.h -- the instance-attribute storage of ordinary classes, per CPython version,
 * for the inline caches of attrcache.h (what CPython's LOAD_ATTR_INSTANCE_VALUE,
 * STORE_ATTR_INSTANCE_VALUE and LOAD_ATTR_METHOD_WITH_VALUES read).
 *
 * A class defined by a `class` statement without __slots__ has Py_TPFLAGS_MANAGED_DICT: its
 * instances keep their attributes in a "values" array indexed like the class's shared keys
 * (`ht_cached_keys`, a split-kind PyDictKeysObject that only ever grows: a name keeps its index
 * for the type's life), until something needs a real dict (`vars(o)` on 3.11/3.12, more than ~30
 * names, a deletion out of order, ...), after which the instance uses an ordinary dict.
 *
 *   3.11: PyDictValues * at ((void **)o)[-4] (NULL once a dict exists), the dict at [-3];
 *         insertion order: a byte array *before* the values, its size at ((uint8_t *)values)[-2].
 *   3.12: one tagged word at ((void **)o)[-3]: odd = values pointer - 1, even = the dict (or NULL);
 *         insertion order as 3.11.
 *   3.13: types with Py_TPFLAGS_INLINE_VALUES embed {capacity, size, embedded, valid, values[]}
 *         right after the object header; the dict pointer is at [-3] and may share the values
 *         (valid stays 1); insertion order bytes follow values[capacity].
 *
 * These structures are CPython internals (Include/internal/pycore_dict.h, pycore_object.h); the
 * mirrors below are checked against CPython's own lookup at every cache fill (attrcache.c keeps
 * an entry only when the mirror finds exactly what PyObject_GenericGetAttr returned).
 */
#ifndef SPZ_OBJLAYOUT_H
#define SPZ_OBJLAYOUT_H

/* PyDictKeysObject (3.11-3.13, default build) */
typedef struct {
    Py_ssize_t dk_refcnt;
    uint8_t dk_log2_size;
    uint8_t dk_log2_index_bytes;
    uint8_t dk_kind;          /* 2 = DICT_KEYS_SPLIT (shared keys) */
    uint32_t dk_version;
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
    char dk_indices[];
} SpzDictKeys;

typedef struct { PyObject *me_key; PyObject *me_value; } SpzUnicodeEntry;

#define SPZ_DICT_KEYS_SPLIT 2

static inline SpzUnicodeEntry *spz_keys_entries(SpzDictKeys *k) {
    return (SpzUnicodeEntry *)(k->dk_indices + ((size_t)1 << k->dk_log2_index_bytes));
}

#if PY_VERSION_HEX >= 0x030D0000
typedef struct { uint8_t capacity, size, embedded, valid; PyObject *values[1]; } SpzValues313;
#define SPZ_TP_VALUES_FLAGS (Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_INLINE_VALUES)
#else
#define SPZ_TP_VALUES_FLAGS Py_TPFLAGS_MANAGED_DICT
#endif

/* tp keeps instance attributes in values arrays indexed by its shared keys (or NULL). */
static inline SpzDictKeys *spz_type_shared_keys(PyTypeObject *tp) {
    if ((tp->tp_flags & (SPZ_TP_VALUES_FLAGS | Py_TPFLAGS_HEAPTYPE)) != (SPZ_TP_VALUES_FLAGS | Py_TPFLAGS_HEAPTYPE)) return NULL;
#if PY_VERSION_HEX >= 0x030D0000
    if (tp->tp_basicsize != sizeof(PyObject)) return NULL;
#endif
    SpzDictKeys *k = (SpzDictKeys *)((PyHeapTypeObject *)tp)->ht_cached_keys;
    return k != NULL && k->dk_kind == SPZ_DICT_KEYS_SPLIT ? k : NULL;
}

/* The values array of o (its type has shared keys), or NULL when o uses a real dict. */
static inline PyObject **spz_inst_values(PyObject *o) {
#if PY_VERSION_HEX >= 0x030D0000
    SpzValues313 *v = (SpzValues313 *)((char *)o + sizeof(PyObject));
    return v->valid ? v->values : NULL;
#elif PY_VERSION_HEX >= 0x030C0000
    uintptr_t w = ((uintptr_t *)o)[-3];
    return (w & 1) ? (PyObject **)(w + 1) : NULL;
#else
    return ((PyObject ***)o)[-4];
#endif
}

/* The materialized instance dict of o (borrowed), or NULL. */
static inline PyObject *spz_inst_dict(PyObject *o) {
#if PY_VERSION_HEX >= 0x030C0000 && PY_VERSION_HEX < 0x030D0000
    uintptr_t w = ((uintptr_t *)o)[-3];
    return (w & 1) ? NULL : (PyObject *)w;
#else
    return ((PyObject **)o)[-3];
#endif
}

/* The values of d when d is a split dict on the shared keys k, else NULL. On 3.11/3.12 an
 * instance's materialized __dict__ (vars(o), o.__dict__) is such a dict: it takes over the
 * instance's values array, indexed like k, so a cached index still finds the attribute. */
static inline PyObject **spz_split_dict_values(PyObject *d, SpzDictKeys *k) {
    PyDictObject *dd = (PyDictObject *)d;
    if (!PyDict_CheckExact(d) || (SpzDictKeys *)dd->ma_keys != k || dd->ma_values == NULL) return NULL;
#if PY_VERSION_HEX >= 0x030D0000
    return ((SpzValues313 *)dd->ma_values)->values;
#else
    return (PyObject **)dd->ma_values;
#endif
}

/* Values of o that a store may write directly (no dict shares them), or NULL. */
static inline PyObject **spz_inst_values_for_store(PyObject *o) {
#if PY_VERSION_HEX >= 0x030D0000
    if (((PyObject **)o)[-3] != NULL) return NULL;
#endif
    return spz_inst_values(o);
}

/* Record that slot ix of values got its first value (keeps vars(o) in insertion order). */
static inline void spz_values_add_order(PyObject **values, Py_ssize_t ix) {
#if PY_VERSION_HEX >= 0x030D0000
    SpzValues313 *v = (SpzValues313 *)((char *)values - offsetof(SpzValues313, values));
    uint8_t *order = (uint8_t *)&v->values[v->capacity];
    order[v->size] = (uint8_t)ix;
    v->size++;
#else
    uint8_t *size_ptr = ((uint8_t *)values) - 2;
    int size = *size_ptr + 1;
    size_ptr[-size] = (uint8_t)ix;
    *size_ptr = (uint8_t)size;
#endif
}

#endif /* SPZ_OBJLAYOUT_H */
