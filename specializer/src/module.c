/* module.c -- spz_module_exec: run the module's own source as CPython bytecode, with each compiled
 * `def` decorated by the native factory, so everything not compiled behaves (and reports line
 * numbers) exactly as the source does. The AST rewrite lives in a small embedded Python helper. */

/* Compiled once per process (per extension: the runtime is static in each one). */
static const char spz_helper_source[] =
    /* Only built-in modules here: the runtime may initialize while a stdlib module that `ast` or
     * `functools` import (contextlib, ...) is itself being imported as a compiled extension. */
    "import _ast\n"
    "import _io\n"
    "from _functools import partial as _partial\n"
    "\n"
    "def literal(src):\n"
    "    # consts_py is a tuple display of literals written by the compiler: no names to look up\n"
    "    return eval(compile(src, '<spyc-consts>', 'eval', dont_inherit=True), {'__builtins__': {}})\n"
    "\n"
    "def _nodes(tree, kinds, skip=()):\n"
    "    # the nodes of these kinds in tree, not looking inside nodes of the skip kinds\n"
    "    todo = [tree]\n"
    "    while todo:\n"
    "        node = todo.pop()\n"
    "        if isinstance(node, skip):\n"
    "            continue\n"
    "        if isinstance(node, kinds):\n"
    "            yield node\n"
    "        for field in node._fields:\n"
    "            v = getattr(node, field, None)\n"
    "            if isinstance(v, list):\n"
    "                todo.extend(x for x in v if isinstance(x, _ast.AST))\n"
    "            elif isinstance(v, _ast.AST):\n"
    "                todo.append(v)\n"
    "\n"
    "def _defs(tree):\n"
    "    return _nodes(tree, (_ast.FunctionDef, _ast.AsyncFunctionDef))\n"
    "\n"
    "def _classes(tree):\n"
    "    # class statements that run while the module body runs (not inside a def or lambda,\n"
    "    # which may run after __spyc_layout__ is gone)\n"
    "    return _nodes(tree, _ast.ClassDef, (_ast.FunctionDef, _ast.AsyncFunctionDef, _ast.Lambda))\n"
    "\n"
    "def _at(node, where):\n"
    "    node.lineno, node.col_offset = where.lineno, where.col_offset\n"
    "    node.end_lineno, node.end_col_offset = where.end_lineno, where.end_col_offset\n"
    "    return node\n"
    "\n"
    "def prepare(source, filename, specs, layout):\n"
    "    # specs: ((name, def_lineno, decorator_index), ...); k is the position in specs.\n"
    "    want = {(lineno, name): (k, index) for k, (name, lineno, index) in enumerate(specs)}\n"
    "    tree = compile(source, filename, 'exec', _ast.PyCF_ONLY_AST, dont_inherit=True)\n"
    "    if layout:\n"
    "        # each class decorator d becomes __spyc_layout__(d): spyc.record gets native float\n"
    "        # fields right after it returns the class (objects.c); anything else is d itself\n"
    "        for node in _classes(tree):\n"
    "            node.decorator_list = [_at(_ast.Call(_at(_ast.Name('__spyc_layout__', _ast.Load()), d), [d], []), d)\n"
    "                                   for d in node.decorator_list]\n"
    "    for node in _defs(tree):\n"
    "        hit = want.pop((node.lineno, node.name), None)\n"
    "        if hit is None:\n"
    "            continue\n"
    "        k, index = hit\n"
    "        if index >= 0 and index >= len(node.decorator_list):\n"
    "            raise ImportError(f'spyc: {filename}:{node.lineno}: def {node.name} has no decorator #{index};'\n"
    "                              ' the extension is out of date with its source')\n"
    "        where = node.decorator_list[index] if index >= 0 else node.decorator_list[-1] if node.decorator_list else node\n"
    "        call = _at(_ast.Call(_at(_ast.Name('__spyc_native__', _ast.Load()), where),\n"
    "                             [_at(_ast.Constant(k), where)], []), where)\n"
    "        if index >= 0:\n"
    "            node.decorator_list[index] = call\n"
    "        else:\n"
    "            node.decorator_list.append(call)\n"
    "    if want:\n"
    "        lineno, name = next(iter(want))\n"
    "        raise ImportError(f'spyc: {filename}:{lineno}: no def {name} there;'\n"
    "                          ' the extension is out of date with its source')\n"
    "    return compile(tree, filename, 'exec', dont_inherit=True)\n"
    "\n"
    "def _text(data):\n"
    "    # bytes of a .py file -> str, by its PEP 263 declaration (or UTF-8), newlines normalized\n"
    "    enc = 'utf-8-sig'\n"
    "    for line in data.split(b'\\n', 2)[:2]:\n"
    "        s = line.lstrip()\n"
    "        if s.startswith(b'#') and b'coding' in s:\n"
    "            rest = s[s.index(b'coding') + 6:]\n"
    "            if rest[:1] in (b':', b'='):\n"
    "                name = rest[1:].lstrip().split()[0] if rest[1:].strip() else b''\n"
    "                name = bytes(c for c in name if chr(c).isalnum() or c in b'-_.')\n"
    "                if name:\n"
    "                    enc = name.decode('ascii')\n"
    "                break\n"
    "        elif s and not s.startswith(b'#'):\n"
    "            break\n"
    "    try:\n"
    "        text = data.decode(enc)\n"
    "    except (LookupError, UnicodeDecodeError):\n"
    "        return None\n"
    "    return text.replace('\\r\\n', '\\n').replace('\\r', '\\n').lstrip('\\ufeff')\n"
    "\n"
    "def stale(source, filename, modfile):\n"
    "    # The .py beside the extension (same directory, the source's file name): its path when its\n"
    "    # text differs from the embedded source, else None (also when there is none).\n"
    "    if not isinstance(modfile, str):\n"
    "        return None\n"
    "    d = modfile.rpartition('/')[0]\n"
    "    path = (d + '/' if d else '') + filename.rpartition('/')[2]\n"
    "    try:\n"
    "        with _io.open(path, 'rb') as f:\n"
    "            data = f.read()\n"
    "    except OSError:\n"
    "        return None\n"
    "    if data == source.encode('utf-8', 'surrogatepass'):\n"
    "        return None\n"
    "    src = source.replace('\\r\\n', '\\n').replace('\\r', '\\n').lstrip('\\ufeff')\n"
    "    return None if _text(data) == src else path\n"
    "\n"
    "def warn_stale(path, modfile):\n"
    "    # attributed to the user's import statement (a stacklevel > 1 skips importlib's frames)\n"
    "    import _warnings\n"
    "    try:\n"
    "        from spyc import StaleModuleWarning as category\n"
    "    except ImportError:\n"
    "        category = UserWarning\n"
    "    _warnings.warn(f'{modfile} was compiled from a different version of {path};'\n"
    "                   ' it runs the code of the build, not the current source: rebuild it',\n"
    "                   category, 2)\n"
    "\n"
    "def poll():\n"
    "    # called every few thousand loop back edges (poll.c): CPython's eval breaker runs at its start\n"
    "    pass\n"
    "\n"
    "_loader_classes = {}\n"
    "_runners = {}\n"
    "\n"
    "def _ext_loader_base(cls):\n"
    "    # importlib's ExtensionFileLoader among cls's bases (None: not an extension loader)\n"
    "    for c in cls.__mro__:\n"
    "        if c.__name__ == 'ExtensionFileLoader':\n"
    "            return c\n"
    "    return None\n"
    "\n"
    "def _loader_class(base):\n"
    "    # the extension's own loader class, plus the source: get_source (linecache, pdb, tools),\n"
    "    # get_code (runpy: `python -m`), which runs the compiled module in the globals it is given,\n"
    "    # and exec_module, which runs the body again on importlib.reload (CPython's extension\n"
    "    # loader runs an extension's body once per module object)\n"
    "    cls = _loader_classes.get(base)\n"
    "    if cls is None:\n"
    "        class SpycExtensionLoader(base):\n"
    "            _spyc_source = None\n"
    "            _spyc_filename = None\n"
    "            def get_source(self, fullname):\n"
    "                return self._spyc_source\n"
    "            def get_code(self, fullname):\n"
    "                if self._spyc_source is not None:\n"
    "                    src = f'__import__(\"sys\").modules[{self.name!r}].__loader__._spyc_run(globals())\\n'\n"
    "                elif _is_spyc_module(self.path):\n"
    "                    # not imported yet: make the module object without running its body, then\n"
    "                    # run the body in runpy's namespace\n"
    "                    src = '__import__(\"importlib.util\").util.module_from_spec(__spec__).__spyc_run__(globals())\\n'\n"
    "                else:\n"
    "                    return None\n"
    "                return compile(src, self._spyc_filename or self.path, 'exec', dont_inherit=True)\n"
    "            def exec_module(self, module):\n"
    "                run = _runners.get(self.path)\n"
    "                if run is None or '__spyc_run__' in module.__dict__:\n"
    "                    return super().exec_module(module)\n"
    "                run(module.__dict__)\n"
    "        SpycExtensionLoader.__module__ = base.__module__\n"
    "        cls = _loader_classes[base] = SpycExtensionLoader\n"
    "    return cls\n"
    "\n"
    "def _is_spyc_module(path):\n"
    "    try:\n"
    "        with _io.open(path, 'rb') as f:\n"
    "            return b'__spyc_run__' in f.read()\n"
    "    except OSError:\n"
    "        return False\n"
    "\n"
    "class _SpycFinder:\n"
    "    # Before PathFinder on sys.meta_path once a compiled module was imported: the same specs, but\n"
    "    # an extension's loader can give runpy a code object (`python -m pkg.mod` of a module not\n"
    "    # imported yet) and runs a compiled module's body again on reload.\n"
    "    _spyc_finder = True\n"
    "    def __init__(self, path_finder):\n"
    "        self._pf = path_finder\n"
    "    def find_spec(self, fullname, path=None, target=None):\n"
    "        spec = self._pf.find_spec(fullname, path, target)\n"
    "        ld = spec.loader if spec is not None else None\n"
    "        if ld is not None and type(ld).__name__ == 'ExtensionFileLoader':\n"
    "            spec.loader = _loader_class(type(ld))(ld.name, ld.path)\n"
    "        return spec\n"
    "    def invalidate_caches(self):\n"
    "        pass\n"
    "\n"
    "def _install_finder():\n"
    "    import sys\n"
    "    mp = sys.meta_path\n"
    "    if any(getattr(f, '_spyc_finder', False) for f in mp):\n"
    "        return\n"
    "    for i, f in enumerate(mp):\n"
    "        if getattr(f, '__name__', '') == 'PathFinder':\n"
    "            mp.insert(i, _SpycFinder(f))\n"
    "            return\n"
    "\n"
    "def adopt(ns, source, filename, run):\n"
    "    # Before the body runs (at import, on reload, under runpy): __loader__ and __spec__.loader give\n"
    "    # the embedded source and a code object for runpy; __cached__ is what the .py beside the\n"
    "    # extension would have.\n"
    "    spec, base = ns.get('__spec__'), ns.get('__loader__')\n"
    "    if spec is None or base is None or spec.loader is not base:\n"
    "        return\n"
    "    ext = _ext_loader_base(type(base))\n"
    "    if ext is None:\n"
    "        return\n"
    "    _install_finder()\n"
    "    _runners[base.path] = run\n"
    "    loader = _loader_class(ext)(base.name, base.path)\n"
    "    loader._spyc_source, loader._spyc_filename, loader._spyc_run = source, filename, run\n"
    "    spec.loader = loader\n"
    "    ns['__loader__'] = loader\n"
    "    import sys\n"
    "    ext = base.path.rpartition('/')[0]\n"
    "    py = (ext + '/' if ext else '') + filename.rpartition('/')[2]\n"
    "    tag = sys.implementation.cache_tag\n"
    "    if not tag or not py.endswith('.py'):\n"
    "        ns['__cached__'] = None\n"
    "        return\n"
    "    # importlib.util.cache_from_source(py), without importing importlib\n"
    "    d, _, f = py.rpartition('/')\n"
    "    opt = sys.flags.optimize\n"
    "    name = f[:-3] + '.' + tag + (f'.opt-{opt}' if opt else '') + '.pyc'\n"
    "    if sys.pycache_prefix:\n"
    "        ns['__cached__'] = sys.pycache_prefix.rstrip('/') + d + '/' + name\n"
    "    else:\n"
    "        ns['__cached__'] = d + '/__pycache__/' + name\n"
    "\n"
    "def native_factory(make):\n"
    "    # __spyc_native__(k) -> decorator; the partial keeps Python frames out of the call path.\n"
    "    return lambda k: _partial(make, k)\n"
    "\n"
    "def _ckey(v):\n"
    "    # equal for two constants the compiler's constant merging treats as one (types, -0.0)\n"
    "    t = type(v)\n"
    "    if t is tuple:\n"
    "        return t, tuple(map(_ckey, v))\n"
    "    if t is frozenset:\n"
    "        return t, frozenset(map(_ckey, v))\n"
    "    if t is float or t is complex:\n"
    "        return t, v, repr(v)\n"
    "    return t, v\n"
    "\n"
    "def folded_set(fn, items):\n"
    "    # the frozenset constant CPython folded a set display with these items into (function.c)\n"
    "    want = _ckey(frozenset(items))\n"
    "    for c in fn.__code__.co_consts:\n"
    "        if type(c) is frozenset and _ckey(c) == want:\n"
    "            return c\n"
    "    raise SystemError(f'spyc: no folded set constant {items!r} in {fn.__qualname__}')\n"
    "\n"
    "def make_binder(fn, name, qualname, defaults, kwdefaults):\n"
    "    # A function with fn's signature returning its slots, so CPython raises its own binding errors.\n"
    "    co = fn.__code__\n"
    "    n, p, kw, v = co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_varnames\n"
    "    pos, kwo, i = list(v[:n]), list(v[n:n + kw]), n + kw\n"
    "    star = v[i] if co.co_flags & 0x04 else None\n"
    "    i += star is not None\n"
    "    dstar = v[i] if co.co_flags & 0x08 else None\n"
    "    params = pos[:p] + (['/'] if p else []) + pos[p:]\n"
    "    params += ['*' + star] if star else (['*'] if kwo else [])\n"
    "    params += kwo + (['**' + dstar] if dstar else [])\n"
    "    slots = pos + ([star] if star else []) + kwo + ([dstar] if dstar else [])\n"
    "    src = f'def binder({\", \".join(params)}):\\n    return ({\"\".join(s + \", \" for s in slots)})\\n'\n"
    "    ns = {}\n"
    "    exec(src, ns)\n"
    "    b = ns['binder']\n"
    "    b.__name__, b.__qualname__ = name, qualname\n"
    "    b.__defaults__, b.__kwdefaults__ = defaults, kwdefaults\n"
    "    return b\n";

static PyObject *spz_helper_ns; /* the helper module's namespace */

/* the method def of the builtin function `name` (NULL if builtins has something else there) */
static PyMethodDef *spz_builtin_ml(const char *name) {
    PyObject *f = PyDict_GetItemString(PyEval_GetBuiltins(), name);
    if (f == NULL || !PyCFunction_CheckExact(f) || strcmp(((PyCFunctionObject *)f)->m_ml->ml_name, name) != 0) return NULL;
    return ((PyCFunctionObject *)f)->m_ml;
}

static int spz_runtime_init(void) {
    if (spz_helper_ns != NULL) return 0;
    if (spz_intern(&spz_str.qualname, "__qualname__") < 0 || spz_intern(&spz_str.module, "__module__") < 0 ||
        spz_intern(&spz_str.name, "__name__") < 0 || spz_intern(&spz_str.doc, "__doc__") < 0 ||
        spz_intern(&spz_str.annotations, "__annotations__") < 0 || spz_intern(&spz_str.builtins, "builtins") < 0 ||
        spz_intern(&spz_str.builtins_dunder, "__builtins__") < 0 || spz_intern(&spz_str.func, "__func__") < 0)
        return -1;
    if (PyType_Ready(&SpzFunction_Type) < 0) return -1;
    PyObject *ns = PyDict_New();
    if (ns == NULL) return -1;
    if (PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins()) < 0 ||
        PyDict_SetItemString(ns, "__name__", spz_str.builtins) < 0) { /* never shown; any str works */
        Py_DECREF(ns);
        return -1;
    }
    PyObject *code = Py_CompileString(spz_helper_source, "<spyc-runtime>", Py_file_input);
    PyObject *r = code ? PyEval_EvalCode(code, ns, ns) : NULL;
    Py_XDECREF(code);
    if (r == NULL) { Py_DECREF(ns); return -1; }
    Py_DECREF(r);
    spz_helper_ns = ns;
    spz_poll_fn = PyDict_GetItemString(ns, "poll");
    /* builtins round/min/max as the interpreter made them (spz_vcall computes some calls in C) */
    spz_round_ml = spz_builtin_ml("round");
    spz_min_ml = spz_builtin_ml("min");
    spz_max_ml = spz_builtin_ml("max");
    spz_stdcoll_init();
    return 0;
}

static PyObject *spz_helper_call(const char *name, PyObject *const *args, Py_ssize_t n) {
    PyObject *fn = PyDict_GetItemString(spz_helper_ns, name);
    if (fn == NULL) {
        PyErr_Format(PyExc_SystemError, "spyc runtime helper %s missing", name);
        return NULL;
    }
    return PyObject_Vectorcall(fn, args, (size_t)n, NULL);
}

static const char spz_capsule_name[] = "spyc.SpzModuleDef";

/* Type creation turns a plain Python function stored in a class body as __new__ into a
 * staticmethod, and __init_subclass__ / __class_getitem__ into classmethods (type_new_set_attrs);
 * it checks PyFunction_Check, so it would leave a native function alone: wrap it here instead.
 * A method's qualname has a dot (compiled defs are module-level or in class bodies), and the
 * compiler compiles these methods only when nothing decorates them above the native factory,
 * so the wrapper is exactly what CPython would store. */
static PyTypeObject *spz_implicit_wrapper(const SpzFuncDef *fd) {
    if (strchr(fd->qualname, '.') == NULL) return NULL;
    if (strcmp(fd->name, "__new__") == 0) return &PyStaticMethod_Type;
    if (strcmp(fd->name, "__init_subclass__") == 0 || strcmp(fd->name, "__class_getitem__") == 0) return &PyClassMethod_Type;
    return NULL;
}

/* make(k, fn): the decorator body of __spyc_native__(k). classmethod/staticmethod are unwrapped and
 * re-wrapped, so the native factory works on either side of them. */
static PyObject *spz_native_make(PyObject *capsule, PyObject *const *args, Py_ssize_t nargs) {
    SpzModuleDef *mod = PyCapsule_GetPointer(capsule, spz_capsule_name);
    if (mod == NULL) return NULL;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "__spyc_native__ decorator takes one function");
        return NULL;
    }
    long k = PyLong_AsLong(args[0]);
    if (k == -1 && PyErr_Occurred()) return NULL;
    if (k < 0 || k >= mod->nfuncs) {
        PyErr_Format(PyExc_SystemError, "spyc: no compiled function #%ld", k);
        return NULL;
    }
    PyObject *fn = args[1];
    const SpzFuncDef *fd = &mod->funcs[k];
    PyTypeObject *wrapper = NULL;
    if (Py_IS_TYPE(fn, &PyClassMethod_Type)) wrapper = &PyClassMethod_Type;
    else if (Py_IS_TYPE(fn, &PyStaticMethod_Type)) wrapper = &PyStaticMethod_Type;
    if (wrapper == NULL) {
        PyTypeObject *implicit = spz_implicit_wrapper(fd);
        PyObject *f = spz_function_new(mod, fd, fn);
        if (f == NULL || implicit == NULL) return f;
        ((SpzFunction *)f)->no_owner = 1;
        PyObject *r = PyObject_CallOneArg((PyObject *)implicit, f);
        Py_DECREF(f);
        return r;
    }
    PyObject *inner = PyObject_GetAttr(fn, spz_str.func);
    if (inner == NULL) return NULL;
    PyObject *f = spz_function_new(mod, fd, inner);
    Py_DECREF(inner);
    if (f == NULL) return NULL;
    /* the first parameter of a classmethod (or a staticmethod's) is never a checked `self` */
    ((SpzFunction *)f)->no_owner = 1;
    PyObject *r = PyObject_CallOneArg((PyObject *)wrapper, f);
    Py_DECREF(f);
    return r;
}

static PyMethodDef spz_native_make_def = {"__spyc_make__", (PyCFunction)(void (*)(void))spz_native_make,
                                          METH_FASTCALL, NULL};

static int spz_fill_consts(SpzModuleDef *def) {
    PyObject *src = PyUnicode_FromString(def->consts_py ? def->consts_py : "()");
    if (src == NULL) return -1;
    PyObject *t = spz_helper_call("literal", &src, 1);
    Py_DECREF(src);
    if (t == NULL) return -1;
    if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != def->nconsts) {
        Py_DECREF(t);
        PyErr_Format(PyExc_SystemError, "spyc: consts_py is not a tuple of %d items", def->nconsts);
        return -1;
    }
    for (int i = 0; i < def->nconsts; i++) {
        PyObject *v = Py_NewRef(PyTuple_GET_ITEM(t, i));
        if (PyUnicode_CheckExact(v)) PyUnicode_InternInPlace(&v);
        Py_XSETREF(def->consts[i], v); /* a re-exec (reload) replaces the previous values */
    }
    Py_DECREF(t);
    return 0;
}

static PyObject *spz_build_specs(SpzModuleDef *def) {
    PyObject *specs = PyTuple_New(def->nfuncs);
    if (specs == NULL) return NULL;
    for (int k = 0; k < def->nfuncs; k++) {
        const SpzFuncDef *fd = &def->funcs[k];
        PyObject *item = Py_BuildValue("(sii)", fd->name, fd->def_lineno, fd->decorator_index);
        if (item == NULL) { Py_DECREF(specs); return NULL; }
        PyTuple_SET_ITEM(specs, k, item);
    }
    return specs;
}

/* SPYC_INTERPRET set (and not "0" or empty): run the embedded source as plain bytecode, with no
 * native functions swapped in (coverage, debuggers and profilers then see every function). */
static int spz_interpret_only(void) {
    const char *v = getenv("SPYC_INTERPRET");
    return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

/* Warn (spyc.StaleModuleWarning) when the .py beside the extension is not the embedded source. */
static int spz_check_stale(PyObject *ns, SpzModuleDef *def) {
    PyObject *modfile = PyDict_GetItemString(ns, "__file__"); /* borrowed; set by the loader */
    if (modfile == NULL) return 0;
    PyObject *a[3];
    a[0] = PyUnicode_FromString(def->source);
    a[1] = a[0] ? PyUnicode_DecodeFSDefault(def->filename) : NULL;
    a[2] = modfile;
    PyObject *path = a[1] ? spz_helper_call("stale", a, 3) : NULL;
    Py_XDECREF(a[0]);
    Py_XDECREF(a[1]);
    if (path == NULL) return -1;
    int rc = 0;
    if (path != Py_None) {
        PyObject *b[2] = {path, modfile};
        PyObject *w = spz_helper_call("warn_stale", b, 2); /* raises under -W error */
        if (w == NULL) rc = -1;
        Py_XDECREF(w);
    }
    Py_DECREF(path);
    return rc;
}

static int spz_exec_in(PyObject *ns, SpzModuleDef *def);
static int spz_adopt_loader(PyObject *ns, SpzModuleDef *def);

/* The loader's _spyc_run(globals): run the compiled module's body in another namespace (runpy's
 * `python -m`, whose code object comes from the loader's get_code; see adopt in the helper). */
static PyObject *spz_run_in(PyObject *capsule, PyObject *ns) {
    SpzModuleDef *def = PyCapsule_GetPointer(capsule, spz_capsule_name);
    if (def == NULL) return NULL;
    if (!PyDict_Check(ns)) {
        PyErr_SetString(PyExc_TypeError, "spyc: _spyc_run() needs a globals dict");
        return NULL;
    }
    if (spz_adopt_loader(ns, def) < 0 || spz_exec_in(ns, def) < 0) return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef spz_run_in_def = {"_spyc_run", (PyCFunction)spz_run_in, METH_O, NULL};

/* Give the module's loader the embedded source and a code object for runpy (helper: adopt). */
static int spz_adopt_loader(PyObject *ns, SpzModuleDef *def) {
    PyObject *capsule = PyCapsule_New(def, spz_capsule_name, NULL);
    PyObject *run = capsule ? PyCFunction_New(&spz_run_in_def, capsule) : NULL;
    Py_XDECREF(capsule);
    if (run == NULL) return -1;
    PyObject *a[4] = {ns, PyUnicode_FromString(def->source), NULL, run};
    if (a[1] != NULL) a[2] = PyUnicode_DecodeFSDefault(def->filename);
    PyObject *r = a[2] ? spz_helper_call("adopt", a, 4) : NULL;
    Py_XDECREF(a[1]);
    Py_XDECREF(a[2]);
    Py_DECREF(run);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

SPZ_API int spz_module_exec(PyObject *module, SpzModuleDef *def) {
    if (spz_runtime_init() < 0) return -1;
    PyObject *ns = PyModule_GetDict(module); /* borrowed */
    if (ns == NULL) return -1;
    /* the module object's __spyc_run__ (SPZ_DEFINE_MODULE) served before its body ran */
    if (PyDict_DelItemString(ns, "__spyc_run__") < 0) PyErr_Clear();
    if (spz_adopt_loader(ns, def) < 0) return -1;
    return spz_exec_in(ns, def);
}

/* __spyc_run__(globals) of a module object whose body has not run (runpy, through the loader's
 * get_code): run the body in those globals instead. */
SPZ_API PyObject *spz_module_run(SpzModuleDef *def, PyObject *ns) {
    if (spz_runtime_init() < 0) return NULL;
    if (!PyDict_Check(ns)) {
        PyErr_SetString(PyExc_TypeError, "spyc: __spyc_run__() needs a globals dict");
        return NULL;
    }
    if (spz_adopt_loader(ns, def) < 0 || spz_exec_in(ns, def) < 0) return NULL;
    Py_RETURN_NONE;
}

/* Execute the embedded source in ns with the compiled functions swapped in. 0 / -1. */
static int spz_exec_in(PyObject *ns, SpzModuleDef *def) {
    if (spz_runtime_init() < 0) return -1;
    if (spz_check_stale(ns, def) < 0) return -1;
    int interpret = spz_interpret_only();
    if (spz_fill_consts(def) < 0) return -1;
    /* exec() would add __builtins__; module dicts of imported modules hold the builtins dict. */
    int has = PyDict_Contains(ns, spz_str.builtins_dunder);
    if (has < 0 || (has == 0 && PyDict_SetItem(ns, spz_str.builtins_dunder, PyEval_GetBuiltins()) < 0)) return -1;

    PyObject *code = NULL, *capsule = NULL, *make = NULL, *native = NULL, *layout = NULL, *r = NULL;
    PyObject *specs = interpret ? PyTuple_New(0) : spz_build_specs(def);
    PyObject *a[4];
    if (specs == NULL) goto done;
    a[0] = PyUnicode_FromString(def->source);
    a[1] = a[0] ? PyUnicode_DecodeFSDefault(def->filename) : NULL;
    a[2] = specs;
    a[3] = interpret ? Py_False : Py_True;
    if (a[1] != NULL) code = spz_helper_call("prepare", a, 4);
    Py_XDECREF(a[0]);
    Py_XDECREF(a[1]);
    if (code == NULL) goto done;
    capsule = PyCapsule_New(def, spz_capsule_name, NULL);
    if (capsule == NULL) goto done;
    make = PyCFunction_New(&spz_native_make_def, capsule);
    if (make == NULL) goto done;
    native = spz_helper_call("native_factory", &make, 1);
    if (native == NULL || PyDict_SetItemString(ns, "__spyc_native__", native) < 0) goto done;
    if (!interpret) {
        layout = spz_obj_layout_hook_new();
        if (layout == NULL || PyDict_SetItemString(ns, "__spyc_layout__", layout) < 0) goto done;
    }
    r = PyEval_EvalCode(code, ns, ns);
    if (r != NULL && !interpret) spz_obj_install_calls(ns);
    /* Remove the factories on success and failure alike, keeping any pending exception. */
    PyObject *exc = PyErr_Occurred() ? spz_exc_fetch() : NULL;
    if (PyDict_DelItemString(ns, "__spyc_native__") < 0) PyErr_Clear();
    if (layout != NULL && PyDict_DelItemString(ns, "__spyc_layout__") < 0) PyErr_Clear();
    if (exc != NULL) spz_exc_restore(exc);
done:
    Py_XDECREF(specs);
    Py_XDECREF(code);
    Py_XDECREF(capsule);
    Py_XDECREF(make);
    Py_XDECREF(native);
    Py_XDECREF(layout);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}
