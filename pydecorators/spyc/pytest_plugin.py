"""pytest plugin (entry point ``pytest11: spyc``): run a test suite against compiled modules.

* ``pytest --spyc`` (= ``--spyc=compiled``): builds the modules listed under ``[tool.spyc]``
  in the project's ``pyproject.toml`` into a temporary directory (with the spyc CLI: ``$SPYC_CLI``
  or ``spyc`` on PATH), puts it first on ``sys.path`` -- and in front of any other location of
  the configured top-level packages, so an editable install or a root ``conftest.py`` cannot
  shadow it -- and runs the suite against the compiled code.
* ``pytest --spyc=both``: runs the suite twice, in one subprocess each, interpreted and
  compiled, and reports every test whose outcome differs (exit status 1 when any does).
* ``pytest --spyc=interpreted``: the plain sources, with the plugin's summary.

In every mode the terminal summary counts the contract violations (``TypeError`` /
``OverflowError`` raised by spyc's argument and return checks) that happened during the run,
caught or not.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import pytest

from . import _plan
from ._project import SpycBuildError, build, find_pyproject, load_project

_MODES = ("compiled", "both", "interpreted")


def pytest_addoption(parser):
    group = parser.getgroup("spyc", "spyc compiled modules")
    group.addoption("--spyc", action="store", nargs="?", const="compiled", default=None,
                    choices=_MODES, metavar="MODE",
                    help="run the tests against the modules of [tool.spyc] compiled by spyc "
                         "(MODE compiled, the default), interpreted, or both (reports tests whose "
                         "outcome differs)")
    group.addoption("--spyc-log", action="store", default=None, help=argparse_suppress())
    group.addoption("--spyc-keep", action="store_true", default=False,
                    help="keep the directory the modules were built into")


def argparse_suppress():
    import argparse
    return argparse.SUPPRESS


class _Redirect:
    """A meta path finder that resolves the configured top-level names in the build directory
    first, whatever sys.path holds later (pytest's rootdir insertion, editable installs)."""

    def __init__(self, out_dir, names):
        self.path = [str(out_dir)]
        self.names = set(names)

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names:
            return None
        from importlib.machinery import PathFinder
        return PathFinder.find_spec(fullname, self.path)


class _State:
    def __init__(self, mode):
        self.mode = mode
        self.out_dir = None
        self.tmp = None
        self.project = None
        self.outcomes = {}
        self.built = []


_KEY = pytest.StashKey()


def _state(config):
    return config.stash.get(_KEY, None)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    mode = early_config.known_args_namespace.spyc
    if mode is None:
        return
    st = _State(mode)
    early_config.stash[_KEY] = st
    _plan.reset_violations()
    if mode != "compiled":
        return
    pyproject = find_pyproject(early_config.invocation_params.dir)
    try:
        project = load_project(pyproject) if pyproject else None
        if project is None or not project.modules:
            raise SpycBuildError("pytest --spyc: no [tool.spyc] modules in "
                                 f"{pyproject or 'any pyproject.toml above ' + str(early_config.invocation_params.dir)}")
        st.project = project
        st.tmp = tempfile.TemporaryDirectory(prefix="spyc-pytest-")
        st.out_dir = pathlib.Path(st.tmp.name)
        st.built = build(project, st.out_dir)
    except SpycBuildError as e:
        raise pytest.UsageError(str(e)) from None
    already = [n for n in project.module_names() if n in sys.modules]
    if already:
        raise pytest.UsageError("pytest --spyc: already imported before the compiled modules could be "
                                "put in place: " + ", ".join(already))
    sys.path.insert(0, str(st.out_dir))
    sys.meta_path.insert(0, _Redirect(st.out_dir, project.top_levels()))


def pytest_report_header(config):
    st = _state(config)
    if st is None or st.mode == "both":
        return None
    if st.mode == "interpreted":
        return "spyc: interpreted (plain sources)"
    return (f"spyc: compiled {len(st.built)} module(s) of {st.project.root / 'pyproject.toml'}"
            f" into {st.out_dir}")


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    st = _state(config)
    if st is None or st.mode != "both":
        return None
    return _run_both(config)


def _child_args(config, mode, log):
    args, skip = [], False
    for a in config.invocation_params.args:
        if skip:
            skip = False
            continue
        if a == "--spyc":
            # `--spyc both` (separate value) or a bare `--spyc`
            continue
        if a.startswith("--spyc=") or a.startswith("--spyc-log"):
            if a == "--spyc-log":
                skip = True
            continue
        if a in _MODES:
            continue  # the value of a separate `--spyc MODE`
        args.append(a)
    mod = sys.modules[__name__]
    if config.pluginmanager.get_name(mod) == __name__ and __name__ not in args:
        args = ["-p", __name__, *args]  # loaded with -p, not through the entry point
    return [sys.executable, "-m", "pytest", *args, f"--spyc={mode}", f"--spyc-log={log}"]


def _run_both(config):
    def write(s):  # before pytest configures its terminal reporter
        print(s, flush=True)
    results = {}
    with tempfile.TemporaryDirectory(prefix="spyc-both-") as d:
        for mode in ("interpreted", "compiled"):
            log = os.path.join(d, mode + ".json")
            argv = _child_args(config, mode, log)
            write(f"spyc: running the suite {mode}: {' '.join(argv[1:])}")
            r = subprocess.run(argv, cwd=str(config.invocation_params.dir), capture_output=True, text=True)
            try:
                with open(log) as f:
                    results[mode] = json.load(f)
            except (OSError, ValueError):
                write(r.stdout + r.stderr)
                write(f"spyc: the {mode} run wrote no results (exit {r.returncode})")
                return r.returncode or 3
            tail = [ln for ln in r.stdout.splitlines() if ln.strip()][-1:] or [f"exit {r.returncode}"]
            write(f"spyc: {mode}: {tail[0].strip('= ')}")
            if r.returncode not in (0, 1, 5):
                write(r.stdout + r.stderr)
    a, b = results["interpreted"]["outcomes"], results["compiled"]["outcomes"]
    diffs = sorted((k, a.get(k, "absent"), b.get(k, "absent")) for k in set(a) | set(b)
                   if a.get(k, "absent") != b.get(k, "absent"))
    write("")
    write("=" * 20 + " spyc: interpreted vs compiled " + "=" * 20)
    write(f"{len(a)} tests interpreted, {len(b)} compiled, {len(diffs)} with different outcomes")
    for k, x, y in diffs:
        write(f"DIFFERS {k}: interpreted {x}, compiled {y}")
    for mode in ("interpreted", "compiled"):
        write(f"spyc: {mode}: " + _violations_line(results[mode]["violations"]))
    if diffs:
        return 1
    return max(results["interpreted"]["exitstatus"], results["compiled"]["exitstatus"])


def _outcome(report):
    if hasattr(report, "wasxfail"):
        return "xpassed" if report.passed else "xfailed"
    if report.failed:
        return "failed" if report.when == "call" else "error"
    return report.outcome  # passed / skipped


_RANK = {"passed": 0, "skipped": 1, "xfailed": 1, "xpassed": 1, "failed": 2, "error": 3}


def pytest_runtest_logreport(report):
    st = _CURRENT.get("state")
    if st is None:
        return
    o = _outcome(report)
    if report.when != "call" and o == "passed":
        return
    prev = st.outcomes.get(report.nodeid)
    if prev is None or _RANK[o] >= _RANK[prev]:
        st.outcomes[report.nodeid] = o


def pytest_runtest_logstart(nodeid, location):
    st = _CURRENT.get("state")
    if st is not None:
        st.outcomes.setdefault(nodeid, "passed")


_CURRENT = {}


def pytest_configure(config):
    st = _state(config)
    if st is not None:
        _CURRENT["state"] = st


def _violations_line(v):
    total = sum(v.values())
    if not total:
        return "0 contract violations raised"
    per = ", ".join(f"{n} {k}" for k, n in sorted(v.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{total} contract violation{'s' if total != 1 else ''} raised ({per})"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    st = _state(config)
    if st is None or st.mode == "both":
        return
    terminalreporter.write_sep("=", "spyc")
    terminalreporter.write_line(f"spyc ({st.mode}): " + _violations_line(_plan.violations()))


def pytest_sessionfinish(session, exitstatus):
    st = _state(session.config)
    if st is None or st.mode == "both":
        return
    log = session.config.getoption("spyc_log")
    if log:
        with open(log, "w") as f:
            json.dump({"mode": st.mode, "exitstatus": int(exitstatus), "outcomes": st.outcomes,
                       "violations": _plan.violations()}, f)


def pytest_unconfigure(config):
    st = _state(config)
    _CURRENT.pop("state", None)
    if st is not None and st.tmp is not None and not config.getoption("spyc_keep"):
        st.tmp.cleanup()
