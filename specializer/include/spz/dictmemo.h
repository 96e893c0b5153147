/* spz/dictmemo.h -- str-keyed dict lookups by key identity, remembered per key (included by
 * spz/containers.h).
 *
 * Why: a dict lookup of a random one of a few keys (`pnl[pos.book] += v`, `prices[sym]`) costs
 * ~16 ns on the CI machine, most of it the probe loop's branches, whose trip count changes with
 * the key: mispredicted every time. Accumulation and price lookups use the same few key objects
 * over and over (interned constants, the str objects held by fields), so the entry index of each
 * key is remembered in a small direct-mapped memo, and the next lookup is three loads and three
 * compares that always go the same way.
 *
 * Exactness: nothing here trusts the memo. An index is used only when, in the dict as it is now,
 * it lies below dk_nentries of a combined table of exact-str keys (DICT_KEYS_UNICODE, values in
 * the entries) and its entry holds the very key object k -- a key occurs once in a dict, so that
 * entry is k's, and a deleted entry has its key cleared. The probe that fills the memo follows
 * CPython's own probe sequence (dictobject.c: i = hash & mask, then i = 5i + perturb + 1,
 * perturb >>= 5) comparing identity only, so it runs no Python code and finds k exactly when k
 * itself is a key; anything else ("not found by identity": an equal but distinct str, a missing
 * key, another table kind) returns NULL and the caller does CPython's lookup. The memo holds key
 * pointers only to compare them, never to use them.
 */
#ifndef SPZ_DICTMEMO_H
#define SPZ_DICTMEMO_H

#define SPZ_DICT_KEYS_GENERAL 0
#define SPZ_DICT_KEYS_UNICODE 1
#define SPZ_DKIX_EMPTY (-1)
#define SPZ_DICTMEMO_SIZE 64

typedef struct { PyObject *k; Py_ssize_t ix; } SpzKeyIx;
static __attribute__((unused)) SpzKeyIx spz_dictmemo_[SPZ_DICTMEMO_SIZE];

/* dk_indices[i], as wide as the table's size needs (CPython's dictkeys_get_index). */
static inline Py_ssize_t spz_dk_index(const SpzDictKeys *dk, size_t i) {
    uint8_t lg = dk->dk_log2_size;
    if (lg < 8) return ((const int8_t *)dk->dk_indices)[i];
    if (lg < 16) return ((const int16_t *)dk->dk_indices)[i];
    if (lg >= 32) return (Py_ssize_t)((const int64_t *)dk->dk_indices)[i];
    return ((const int32_t *)dk->dk_indices)[i];
}

/* The value of exact str k in d (a dict or dict subclass instance: PyDictObject layout), found
 * by k's identity; borrowed. NULL: not found that way -- the caller looks k up as CPython does. */
static inline PyObject *spz_dict_memo_find(PyObject *d, PyObject *k) {
    PyDictObject *mp = (PyDictObject *)d;
    SpzDictKeys *dk = (SpzDictKeys *)mp->ma_keys;
    if (mp->ma_values != NULL || dk->dk_kind != SPZ_DICT_KEYS_UNICODE) return NULL;
    SpzUnicodeEntry *ep = spz_keys_entries(dk);
    SpzKeyIx *m = &spz_dictmemo_[(((uintptr_t)k >> 4) ^ ((uintptr_t)dk >> 6)) & (SPZ_DICTMEMO_SIZE - 1)];
    if (SPZ_LIKELY(m->k == k && m->ix < dk->dk_nentries && ep[m->ix].me_key == k)) return ep[m->ix].me_value;
    Py_hash_t h = ((PyASCIIObject *)k)->hash;
    if (h == -1) return NULL;
    size_t mask = ((size_t)1 << dk->dk_log2_size) - 1, i = (size_t)h & mask, perturb = (size_t)h;
    for (;;) {
        Py_ssize_t ix = spz_dk_index(dk, i);
        if (ix == SPZ_DKIX_EMPTY) return NULL;
        if (ix >= 0 && ep[ix].me_key == k) {
            m->k = k;
            m->ix = ix;
            return ep[ix].me_value;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* PyDict_GetItemWithError(d, k) (d of PyDictObject layout), through the memo first when k is an
 * exact str. Borrowed / NULL. */
static inline PyObject *spz_dict_lookup(PyObject *d, PyObject *k) {
    PyObject *v = PyUnicode_CheckExact(k) ? spz_dict_memo_find(d, k) : NULL;
    return v != NULL ? v : PyDict_GetItemWithError(d, k);
}

#endif
