/* spz/objlist.h -- list fields of @frozen/@record instances read by specialized code:
 * `self.mids[k]` on an instance whose class annotates `mids: list[float]`.
 *
 * The read does what CPython's `o.name[i]` does when o's exact type keeps `name` in a plain slot
 * (a member descriptor found by the type's generic attribute lookup, spz_slot_resolve: no
 * property, no __getattr__, no instance dict can intervene) and that slot holds an exact list:
 * it runs no Python code and changes nothing. Anything else -- another layout, an unset slot, a
 * list subclass or other object, an index out of range, an item of another type -- fails the
 * guard before any effect, and the generic code of the statement does the whole read itself. */
#ifndef SPZ_OBJLIST_H
#define SPZ_OBJLIST_H

/* The exact list in o's slot `name` (borrowed), or NULL. */
static inline PyObject *spz_slot_list_(PyObject *o, PyObject *name, SpzSlotCache *c) {
    if (o == NULL) return NULL; /* an unbound local: the generic code raises */
    PyObject *v = spz_slot_peek(o, name, c);  /* spz/containers.h: the plain slot, or NULL */
    return v != NULL && PyList_CheckExact(v) ? v : NULL;
}

/* o.name[i] unboxed: 1 = ok, 0 = deopt (nothing happened) */
#define SPZ_SLOT_ITEM(rep, ctype)                                                                          \
    static inline int spz_slot_item_##rep(PyObject *o, PyObject *name, SpzSlotCache *c, int64_t i, ctype *out) { \
        PyObject *l = spz_slot_list_(o, name, c);                                                          \
        return l != NULL && !spz_list_get_##rep(l, i, out);                                                \
    }
SPZ_SLOT_ITEM(i64, int64_t)
SPZ_SLOT_ITEM(f64, double)
SPZ_SLOT_ITEM(bool, int)

/* o.name[i] = v: 1 stored, 0 deopt (nothing happened), -1 MemoryError. An exact list's item
 * assignment with an index in range replaces the item and releases the old one, as CPython's. */
#define SPZ_SLOT_ITEM_SET(rep, ctype)                                                                      \
    static inline int spz_slot_item_set_##rep(PyObject *o, PyObject *name, SpzSlotCache *c, int64_t i, ctype v) { \
        PyObject *l = spz_slot_list_(o, name, c);                                                          \
        if (l == NULL) return 0;                                                                           \
        Py_ssize_t n = PyList_GET_SIZE(l);                                                                 \
        if (i < 0) i += n;                                                                                 \
        if ((uint64_t)i >= (uint64_t)n) return 0;                                                          \
        return spz_list_store_##rep(l, i, v) < 0 ? -1 : 1;                                                 \
    }
SPZ_SLOT_ITEM_SET(i64, int64_t)
SPZ_SLOT_ITEM_SET(u64, uint64_t)
SPZ_SLOT_ITEM_SET(f64, double)
SPZ_SLOT_ITEM_SET(bool, int)

#endif /* SPZ_OBJLIST_H */
