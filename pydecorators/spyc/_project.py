"""A project's ``[tool.spyc]`` table and building its modules with the spyc CLI.

Shared by the pytest plugin (``pytest --spyc``) and the PEP 517 backend
(``spyc.build_backend``).  ``pyproject.toml``::

    [tool.spyc]
    modules = ["pkg/mod.py", "pkg/sub/other.py"]   # paths relative to pyproject.toml
    build-args = ["--checked-only"]                # optional extra `spyc build` flags

The compiler is found as ``$SPYC_CLI`` (a command line, e.g.
``node /path/to/spyc/bin/spyc.mjs``) or else ``spyc`` on ``PATH``.
"""
import os
import pathlib
import shlex
import shutil
import subprocess
import sys

try:
    import tomllib
except ImportError:  # pragma: no cover - Python < 3.11 is not supported by spyc
    tomllib = None


class SpycBuildError(RuntimeError):
    """The modules could not be built (no compiler, no C toolchain, compile errors)."""


class Project:
    def __init__(self, root, modules, build_args):
        self.root = pathlib.Path(root)
        self.modules = [pathlib.PurePosixPath(m) for m in modules]
        self.build_args = list(build_args)

    def module_names(self):
        """Dotted names of the configured modules (``pkg/sub/m.py`` -> ``pkg.sub.m``)."""
        out = []
        for m in self.modules:
            parts = list(m.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out.append(".".join(parts))
        return out

    def top_levels(self):
        return sorted({m.parts[0] if len(m.parts) > 1 else m.stem for m in self.modules})


def find_pyproject(start):
    p = pathlib.Path(start).resolve()
    for d in (p, *p.parents):
        f = d / "pyproject.toml"
        if f.is_file():
            return f
    return None


def load_project(pyproject):
    """The ``[tool.spyc]`` table of ``pyproject`` as a Project, or None when it has none."""
    pyproject = pathlib.Path(pyproject)
    with open(pyproject, "rb") as f:
        data = tomllib.load(f)
    table = data.get("tool", {}).get("spyc")
    if table is None:
        return None
    modules = table.get("modules", [])
    if not isinstance(modules, list) or not all(isinstance(m, str) and m.endswith(".py") for m in modules):
        raise SpycBuildError(f"{pyproject}: [tool.spyc] modules must be a list of paths to .py files")
    root = pyproject.parent
    for m in modules:
        if not (root / m).is_file():
            raise SpycBuildError(f"{pyproject}: [tool.spyc] module {m!r} does not exist")
    args = table.get("build-args", [])
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        raise SpycBuildError(f"{pyproject}: [tool.spyc] build-args must be a list of strings")
    return Project(root, modules, args)


def compiler_command():
    """The spyc CLI as an argv prefix: $SPYC_CLI, else `spyc` on PATH."""
    env = os.environ.get("SPYC_CLI", "").strip()
    if env:
        return shlex.split(env)
    exe = shutil.which("spyc")
    if exe:
        return [exe]
    raise SpycBuildError(
        "cannot find the spyc compiler: install it (npm install -g <spyc checkout or tarball>; it needs"
        " Node >= 20) so that `spyc` is on PATH, or set SPYC_CLI to its command line"
        " (e.g. SPYC_CLI='node /path/to/spyc/bin/spyc.mjs')")


def check_toolchain(python):
    if shutil.which("gcc") is None and shutil.which(os.environ.get("CC", "cc").split()[0]) is None:
        raise SpycBuildError("cannot build compiled modules: no C compiler (gcc) on PATH;"
                             " install gcc (e.g. apt-get install gcc)")
    r = subprocess.run([python, "-c", "import sysconfig, os; p = sysconfig.get_paths()['include'];"
                        " print(p if os.path.exists(os.path.join(p, 'Python.h')) else '')"],
                       capture_output=True, text=True)
    if r.returncode == 0 and not r.stdout.strip():
        raise SpycBuildError(f"cannot build compiled modules: Python.h is missing for {python};"
                             " install the interpreter's development headers (e.g. apt-get install python3-dev)")


def build(project, out_dir, python=None, quiet=True, copy_sources=True):
    """Compile every configured module into ``out_dir``, mirroring the package layout.

    With ``copy_sources`` the top-level packages holding them (every file but
    ``__pycache__``, so package data comes along) and top-level modules are
    copied too, so ``out_dir`` is a complete, importable tree in which the
    extensions shadow their sources.  Returns the
    paths of the built extensions.  Raises SpycBuildError with the compiler's
    output on failure.
    """
    python = python or sys.executable
    cli = compiler_command()
    check_toolchain(python)
    out_dir = pathlib.Path(out_dir)
    groups = {}
    for m in project.modules:
        groups.setdefault(m.parent, []).append(m)
    if copy_sources:
        for top in project.top_levels():
            src = project.root / top
            if src.is_dir():
                for f in src.rglob("*"):
                    if not f.is_file() or "__pycache__" in f.parts or f.suffix == ".pyc":
                        continue
                    dst = out_dir / f.relative_to(project.root)
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(f, dst)
            elif (project.root / (top + ".py")).is_file():
                shutil.copy2(project.root / (top + ".py"), out_dir / (top + ".py"))
    built = []
    for rel_dir, mods in sorted(groups.items()):
        dest = out_dir / rel_dir
        dest.mkdir(parents=True, exist_ok=True)
        argv = [*cli, "build", *(str(project.root / m) for m in mods), "-o", str(dest),
                "--python", python, *project.build_args]
        if quiet:
            argv.append("-q")
        try:
            r = subprocess.run(argv, capture_output=True, text=True)
        except OSError as e:
            raise SpycBuildError(f"cannot run the spyc compiler {shlex.join(cli)}: {e}") from None
        if r.returncode != 0:
            raise SpycBuildError(f"spyc build failed (exit {r.returncode}): {shlex.join(argv)}\n"
                                 f"{r.stdout}{r.stderr}".rstrip())
        for m in mods:
            hits = [p for p in dest.glob(m.stem + ".*") if p.suffix in (".so", ".pyd")]
            if not hits:
                raise SpycBuildError(f"spyc build wrote no extension for {m} into {dest}\n{r.stdout}{r.stderr}")
            built.extend(hits)
        # the build leaves no C sources in the tree that is imported or packaged
        for c in dest.glob("*.c"):
            if any(c.stem == m.stem for m in mods):
                c.unlink()
    return built
