/* stats.c -- SPYC_STATS: per guard site failure counts and per function deopts, reported at exit.
 *
 *   SPYC_STATS unset, empty or "0"   off (the only cost: spz/stats.h)
 *   SPYC_STATS=1 (or true/yes/on)    at interpreter exit, a short table on stderr
 *   SPYC_STATS=<path>                at interpreter exit, JSON written to <path>:
 *     {"version": 1,
 *      "sites": [{"file", "line", "col", "guard", "function", "failures"}, ...],   every site
 *      "functions": [{"file", "function", "deopts"}, ...]}                       deopts = sum of
 *                                                                                its sites' failures
 *     both lists sorted by count, largest first.
 *
 * Every extension carries its own copy of the runtime (all static), so the modules of one process
 * meet in a list `sys._spyc_stats` of capsules (name SPZ_STATS_CAPSULE, pointing to each module's
 * SpzStatTable); the first module to register also registers the one atexit report, which
 * reads them all. Extension modules are never unloaded, so the tables outlive the report. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#define SPZ_STATS_CAPSULE "spyc.stats.v1"

typedef struct {
    const char *file;
    SpzStatSite *sites;
    int n;
} SpzStatTable;

static SpzStatTable spz_stats_table;

#ifdef SPZ_DATA_DEF
SPZ_DATA_DEF int spz_stats_on;
#endif

/* NULL when off, "" for the stderr table, else the JSON path */
static const char *spz_stats_mode(void) {
    const char *v = getenv("SPYC_STATS");
    if (v == NULL || v[0] == '\0' || strcmp(v, "0") == 0) return NULL;
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 ||
        strcmp(v, "on") == 0 || strcmp(v, "stderr") == 0) return "";
    return v;
}

typedef struct { const char *file; const SpzStatSite *s; } SpzStatRef;
typedef struct { const char *file, *function; unsigned long long deopts; } SpzStatFunc;

static int spz_stats_cmp_site(const void *a, const void *b) {
    const SpzStatRef *x = a, *y = b;
    if (x->s->failures != y->s->failures) return x->s->failures < y->s->failures ? 1 : -1;
    int c = strcmp(x->file, y->file);
    if (c) return c;
    return x->s->line != y->s->line ? (x->s->line < y->s->line ? -1 : 1) : 0;
}

static int spz_stats_cmp_func(const void *a, const void *b) {
    const SpzStatFunc *x = a, *y = b;
    if (x->deopts != y->deopts) return x->deopts < y->deopts ? 1 : -1;
    int c = strcmp(x->file, y->file);
    return c ? c : strcmp(x->function, y->function);
}

static const char *spz_stats_basename(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void spz_stats_json_str(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

static PyObject *spz_stats_report(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(arg)) {
    const char *mode = spz_stats_mode();
    PyObject *list = PySys_GetObject("_spyc_stats"); /* borrowed */
    if (mode == NULL || list == NULL || !PyList_Check(list)) Py_RETURN_NONE;
    Py_ssize_t nt = PyList_GET_SIZE(list);
    size_t nsites = 0;
    for (Py_ssize_t i = 0; i < nt; i++) {
        SpzStatTable *t = PyCapsule_GetPointer(PyList_GET_ITEM(list, i), SPZ_STATS_CAPSULE);
        if (t == NULL) { PyErr_Clear(); continue; }
        nsites += (size_t)t->n;
    }
    SpzStatRef *refs = PyMem_Malloc((nsites + 1) * sizeof *refs);
    SpzStatFunc *funcs = PyMem_Malloc((nsites + 1) * sizeof *funcs);
    if (refs == NULL || funcs == NULL) { PyMem_Free(refs); PyMem_Free(funcs); return PyErr_NoMemory(); }
    size_t k = 0, nf = 0;
    unsigned long long total = 0;
    for (Py_ssize_t i = 0; i < nt; i++) {
        SpzStatTable *t = PyCapsule_GetPointer(PyList_GET_ITEM(list, i), SPZ_STATS_CAPSULE);
        if (t == NULL) { PyErr_Clear(); continue; }
        for (int j = 0; j < t->n; j++) {
            const SpzStatSite *s = &t->sites[j];
            refs[k].file = t->file;
            refs[k++].s = s;
            total += s->failures;
            size_t q = 0;
            while (q < nf && !(funcs[q].file == t->file && strcmp(funcs[q].function, s->function) == 0)) q++;
            if (q == nf) { funcs[nf].file = t->file; funcs[nf].function = s->function; funcs[nf++].deopts = 0; }
            funcs[q].deopts += s->failures;
        }
    }
    qsort(refs, k, sizeof *refs, spz_stats_cmp_site);
    qsort(funcs, nf, sizeof *funcs, spz_stats_cmp_func);

    if (mode[0] == '\0') {
        size_t failing = 0;
        while (failing < k && refs[failing].s->failures > 0) failing++;
        PySys_WriteStderr("spyc stats: %llu guard failures (deopts) at %zu of %zu guard sites\n",
                          total, failing, k);
        if (failing > 0) {
            PySys_WriteStderr("  %-28s %-34s %10s  %s\n", "file:line:col", "guard", "failures", "function");
            const size_t shown = failing < 20 ? failing : 20;
            for (size_t i = 0; i < shown; i++) {
                const SpzStatSite *s = refs[i].s;
                char where[96];
                snprintf(where, sizeof where, "%.70s:%d:%d", spz_stats_basename(refs[i].file), s->line, s->col);
                PySys_WriteStderr("  %-28s %-34.60s %10llu  %.80s\n", where, s->guard, s->failures, s->function);
            }
            if (failing > shown) PySys_WriteStderr("  ... %zu more sites with failures\n", failing - shown);
            PySys_WriteStderr("  per function, entries into generic code:");
            for (size_t i = 0; i < nf && funcs[i].deopts > 0; i++)
                PySys_WriteStderr("%s %.80s %llu", i ? "," : "", funcs[i].function, funcs[i].deopts);
            PySys_WriteStderr("\n");
        }
    } else {
        FILE *f = fopen(mode, "w");
        if (f == NULL) {
            PySys_WriteStderr("spyc stats: cannot write %.200s: %s\n", mode, strerror(errno));
        } else {
            fputs("{\"version\": 1,\n \"sites\": [", f);
            for (size_t i = 0; i < k; i++) {
                const SpzStatSite *s = refs[i].s;
                fputs(i ? ",\n  {\"file\": " : "\n  {\"file\": ", f);
                spz_stats_json_str(f, refs[i].file);
                fprintf(f, ", \"line\": %d, \"col\": %d, \"guard\": ", s->line, s->col);
                spz_stats_json_str(f, s->guard);
                fputs(", \"function\": ", f);
                spz_stats_json_str(f, s->function);
                fprintf(f, ", \"failures\": %llu}", s->failures);
            }
            fputs("],\n \"functions\": [", f);
            for (size_t i = 0; i < nf; i++) {
                fputs(i ? ",\n  {\"file\": " : "\n  {\"file\": ", f);
                spz_stats_json_str(f, funcs[i].file);
                fputs(", \"function\": ", f);
                spz_stats_json_str(f, funcs[i].function);
                fprintf(f, ", \"deopts\": %llu}", funcs[i].deopts);
            }
            fputs("]}\n", f);
            fclose(f);
        }
    }
    PyMem_Free(refs);
    PyMem_Free(funcs);
    Py_RETURN_NONE;
}

static PyMethodDef spz_stats_report_def = {"_spyc_stats_report", spz_stats_report, METH_NOARGS, NULL};

SPZ_API int spz_stats_module_init(SpzModuleDef *def) {
    if (spz_stats_mode() == NULL) return 0;
    spz_stats_on = 1;
    if (spz_stats_table.file != NULL) return 0; /* a re-exec of the module: registered already */
    spz_stats_table.file = def->filename;
    spz_stats_table.sites = def->stat_sites;
    spz_stats_table.n = def->stat_sites ? def->nstat_sites : 0;
    PyObject *list = PySys_GetObject("_spyc_stats"); /* borrowed */
    if (list == NULL || !PyList_Check(list)) {
        PyObject *fresh = PyList_New(0);
        if (fresh == NULL) return -1;
        int rc = PySys_SetObject("_spyc_stats", fresh);
        Py_DECREF(fresh);
        if (rc < 0) return -1;
        list = fresh; /* sys keeps it alive */
        PyObject *atexit = PyImport_ImportModule("atexit");
        if (atexit == NULL) return -1;
        PyObject *fn = PyCFunction_New(&spz_stats_report_def, NULL);
        PyObject *r = fn ? PyObject_CallMethod(atexit, "register", "O", fn) : NULL;
        Py_XDECREF(fn);
        Py_DECREF(atexit);
        if (r == NULL) return -1;
        Py_DECREF(r);
    }
    PyObject *cap = PyCapsule_New(&spz_stats_table, SPZ_STATS_CAPSULE, NULL);
    if (cap == NULL) return -1;
    int rc = PyList_Append(list, cap);
    Py_DECREF(cap);
    return rc;
}
