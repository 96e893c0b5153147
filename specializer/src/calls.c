/* calls.c -- call-site helpers for f(*a, **k), with the eval loop's exact error texts
 * (LIST_EXTEND, CALL_FUNCTION_EX's check_args_iterable, DICT_MERGE's format_kwargs_error). */

/* getattr(o, name) where a missing attribute is not an error: 1 found, 0 missing, -1 error. */
static int spz_lookup_attr(PyObject *o, PyObject *name, PyObject **res) {
    *res = PyObject_GetAttr(o, name);
    if (*res != NULL) return 1;
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
    PyErr_Clear();
    return 0;
}

SPZ_API PyObject *spz_function_str(PyObject *x) {
    PyObject *qualname, *module, *result = NULL;
    int r = spz_lookup_attr(x, spz_str.qualname, &qualname);
    if (r < 0) return NULL;
    if (r == 0) return PyObject_Str(x);
    r = spz_lookup_attr(x, spz_str.module, &module);
    if (r < 0) goto done;
    if (module != NULL && module != Py_None) {
        int ne = PyObject_RichCompareBool(module, spz_str.builtins, Py_NE);
        if (ne < 0) goto done;
        if (ne > 0) { result = PyUnicode_FromFormat("%S.%S()", module, qualname); goto done; }
    }
    result = PyUnicode_FromFormat("%S()", qualname);
done:
    Py_DECREF(qualname);
    Py_XDECREF(module);
    return result;
}

SPZ_API PyObject *spz_call_ex(PyObject *callable, PyObject *posargs, PyObject *kwargs) {
    PyObject *args = PyTuple_Check(posargs) ? Py_NewRef(posargs) : PySequence_Tuple(posargs);
    if (args == NULL) return NULL;
    PyObject *r = PyObject_Call(callable, args, (kwargs && PyDict_GET_SIZE(kwargs)) ? kwargs : NULL);
    Py_DECREF(args);
    return r;
}

SPZ_API int spz_extend_star(PyObject *callable, PyObject *list, PyObject *iterable) {
    if (Py_TYPE(iterable)->tp_iter == NULL && !PySequence_Check(iterable)) {
        if (callable != NULL) {
            PyObject *fs = spz_function_str(callable);
            if (fs == NULL) return -1;
            PyErr_Format(PyExc_TypeError, "%U argument after * must be an iterable, not %.200s",
                         fs, Py_TYPE(iterable)->tp_name);
            Py_DECREF(fs);
        } else {
            PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s",
                         Py_TYPE(iterable)->tp_name);
        }
        return -1;
    }
    if (PyList_CheckExact(iterable) || PyTuple_CheckExact(iterable)) {
        PyObject *fast = Py_NewRef(iterable);
        Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
        for (Py_ssize_t i = 0; i < n; i++) {
            if (PyList_Append(list, PySequence_Fast_GET_ITEM(fast, i)) < 0) { Py_DECREF(fast); return -1; }
        }
        Py_DECREF(fast);
        return 0;
    }
    PyObject *it = PyObject_GetIter(iterable);
    if (it == NULL) return -1;
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        int r = PyList_Append(list, item);
        Py_DECREF(item);
        if (r < 0) { Py_DECREF(it); return -1; }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* _PyDict_MergeEx(dict, mapping, 2): a duplicate key raises KeyError(key). */
static int spz_dict_merge_nodup(PyObject *dict, PyObject *mapping) {
    if (PyDict_Check(mapping) && Py_TYPE(mapping)->tp_iter == PyDict_Type.tp_iter) {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        while (PyDict_Next(mapping, &pos, &k, &v)) {
            int c = PyDict_Contains(dict, k);
            if (c < 0) return -1;
            if (c > 0) {
                PyObject *t = PyTuple_Pack(1, k);
                if (t != NULL) { PyErr_SetObject(PyExc_KeyError, t); Py_DECREF(t); }
                return -1;
            }
            if (PyDict_SetItem(dict, k, v) < 0) return -1;
        }
        return 0;
    }
    PyObject *keys = PyMapping_Keys(mapping);
    if (keys == NULL) return -1;
    PyObject *it = PyObject_GetIter(keys);
    Py_DECREF(keys);
    if (it == NULL) return -1;
    PyObject *k;
    while ((k = PyIter_Next(it)) != NULL) {
        int c = PyDict_Contains(dict, k);
        if (c != 0) {
            if (c > 0) {
                PyObject *t = PyTuple_Pack(1, k);
                if (t != NULL) { PyErr_SetObject(PyExc_KeyError, t); Py_DECREF(t); }
            }
            Py_DECREF(k); Py_DECREF(it);
            return -1;
        }
        PyObject *v = PyObject_GetItem(mapping, k);
        int r = v == NULL ? -1 : PyDict_SetItem(dict, k, v);
        Py_XDECREF(v);
        Py_DECREF(k);
        if (r < 0) { Py_DECREF(it); return -1; }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* The single-argument AttributeError / KeyError of a failed merge, as format_kwargs_error sees it. */
static PyObject *spz_single_arg_exc(PyObject *type) {
    if (!PyErr_ExceptionMatches(type)) return NULL;
    PyObject *exc = spz_exc_fetch();
    PyObject *args = exc ? PyObject_GetAttrString(exc, "args") : NULL;
    if (args != NULL && PyTuple_Check(args) && PyTuple_GET_SIZE(args) == 1) {
        Py_DECREF(exc);
        return args;
    }
    Py_XDECREF(args);
    PyErr_Clear();
    spz_exc_restore(exc);
    return NULL;
}

SPZ_API int spz_merge_kwargs(PyObject *callable, PyObject *dict, PyObject *mapping) {
    if (spz_dict_merge_nodup(dict, mapping) == 0) return 0;
    PyObject *args = spz_single_arg_exc(PyExc_AttributeError);
    if (args != NULL) {
        /* _PyDict_MergeEx reports a non-mapping as a missing .keys attribute. */
        Py_DECREF(args);
        PyObject *fs = spz_function_str(callable);
        if (fs != NULL) {
            PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s",
                         fs, Py_TYPE(mapping)->tp_name);
            Py_DECREF(fs);
        }
        return -1;
    }
    args = spz_single_arg_exc(PyExc_KeyError);
    if (args != NULL) {
        PyObject *fs = spz_function_str(callable);
        if (fs != NULL) {
            PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%S'",
                         fs, PyTuple_GET_ITEM(args, 0));
            Py_DECREF(fs);
        }
        Py_DECREF(args);
    }
    return -1;
}

/* ---- unpacking -------------------------------------------------------------------------------- */

static int spz_unpack_iter(PyObject *v, Py_ssize_t argcnt, Py_ssize_t after, PyObject **out) {
    PyObject *it = PyObject_GetIter(v);
    if (it == NULL) {
        if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(v)->tp_iter == NULL && !PySequence_Check(v)) {
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object", Py_TYPE(v)->tp_name);
        }
        return -1;
    }
    Py_ssize_t i = 0;
    for (; i < argcnt; i++) {
        PyObject *w = PyIter_Next(it);
        if (w == NULL) {
            if (!PyErr_Occurred()) {
                if (after < 0)
                    PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected %zd, got %zd)", argcnt, i);
                else
                    PyErr_Format(PyExc_ValueError,
                                 "not enough values to unpack (expected at least %zd, got %zd)", argcnt + after, i);
            }
            goto error;
        }
        out[i] = w;
    }
    if (after < 0) {
        PyObject *w = PyIter_Next(it);
        if (w == NULL) {
            if (PyErr_Occurred()) goto error;
            Py_DECREF(it);
            return 0;
        }
        Py_DECREF(w);
        PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %zd)", argcnt);
        goto error;
    }
    PyObject *l = PySequence_List(it);
    if (l == NULL) goto error;
    Py_ssize_t ll = PyList_GET_SIZE(l);
    if (ll < after) {
        PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected at least %zd, got %zd)",
                     argcnt + after, argcnt + ll);
        Py_DECREF(l);
        goto error;
    }
    for (Py_ssize_t j = 0; j < after; j++) out[argcnt + 1 + j] = Py_NewRef(PyList_GET_ITEM(l, ll - after + j));
    if (PyList_SetSlice(l, ll - after, ll, NULL) < 0) {
        for (Py_ssize_t j = 0; j < after; j++) Py_DECREF(out[argcnt + 1 + j]);
        Py_DECREF(l);
        goto error;
    }
    out[argcnt] = l;
    Py_DECREF(it);
    return 0;
error:
    while (i > 0) Py_DECREF(out[--i]);
    Py_DECREF(it);
    return -1;
}

SPZ_API int spz_unpack(PyObject *seq, Py_ssize_t n, PyObject **out) {
    /* UNPACK_SEQUENCE's tuple/list specializations; a size mismatch takes the generic path so
     * the messages come from the same place as CPython's. */
    if ((PyTuple_CheckExact(seq) || PyList_CheckExact(seq)) && PySequence_Fast_GET_SIZE(seq) == n) {
        PyObject **items = PySequence_Fast_ITEMS(seq);
        for (Py_ssize_t i = 0; i < n; i++) out[i] = Py_NewRef(items[i]);
        return 0;
    }
    return spz_unpack_iter(seq, n, -1, out);
}

SPZ_API int spz_unpack_ex(PyObject *seq, Py_ssize_t before, Py_ssize_t after, PyObject **out) {
    return spz_unpack_iter(seq, before, after, out);
}

/* ---- f-strings -------------------------------------------------------------------------------- */

SPZ_API PyObject *spz_format_value(PyObject *v, int conversion, PyObject *spec) {
    PyObject *conv = NULL;
    switch (conversion) {
    case 's': conv = PyObject_Str(v); break;
    case 'r': conv = PyObject_Repr(v); break;
    case 'a': conv = PyObject_ASCII(v); break;
    default: conv = Py_NewRef(v); break;
    }
    if (conv == NULL) return NULL;
    if (spec == NULL && PyUnicode_CheckExact(conv)) return conv;
    PyObject *r = PyObject_Format(conv, spec);
    Py_DECREF(conv);
    return r;
}

SPZ_API PyObject *spz_build_string(PyObject *const *parts, Py_ssize_t n) {
    Py_ssize_t len = 0;
    Py_UCS4 maxchar = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        len += PyUnicode_GET_LENGTH(parts[i]);
        Py_UCS4 m = PyUnicode_MAX_CHAR_VALUE(parts[i]);
        if (m > maxchar) maxchar = m;
    }
    if (n == 1 && PyUnicode_CheckExact(parts[0])) return Py_NewRef(parts[0]);
    PyObject *s = PyUnicode_New(len, maxchar);
    if (s == NULL) return NULL;
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t l = PyUnicode_GET_LENGTH(parts[i]);
        if (PyUnicode_CopyCharacters(s, at, parts[i], 0, l) < 0) { Py_DECREF(s); return NULL; }
        at += l;
    }
    return s;
}
