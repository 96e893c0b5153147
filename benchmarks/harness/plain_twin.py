"""The plain twin of a spyc program: the same module with spyc's decorators taken out.

    python3 plain_twin.py SOURCE.py [OUT.py] [--no-slots] [--checked-json FILE]

Writes the twin to OUT.py (stdout without it); --checked-json writes the qualnames of the
@checked functions it took the decorator from (what `spyc bench` counts as "specializable"). `spyc bench` times plain CPython on the twin: it is
what a user would run without spyc, so every speedup is measured against it. The twin is always
generated from the one source (never kept by hand):

* the `from spyc import ...` / `import spyc` lines go;
* `@checked` goes (on functions and methods);
* `i64` and the other bounded ints (`i8` ... `u64`) become `int`, wherever they are used;
* a `@frozen` class becomes `@dataclass(frozen=True, slots=True)` with the same body (fields,
  defaults, methods); inside its own `__init__` / `__post_init__`, `self.f = v` becomes
  `object.__setattr__(self, "f", v)`, as a frozen dataclass requires;
* a `@record` class becomes `@dataclass(slots=True)`.

`--no-slots` leaves out `slots=True` (dataclasses before Python 3.10, e.g. PyPy 3.9).
Any other use of a spyc name is an error (exit status 2), never a silently different program.
Kept compatible with Python 3.9 (ast.unparse), so PyPy could run it too.
"""
import ast
import sys

BOUNDED = {"i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64"}
KNOWN = BOUNDED | {"checked", "frozen", "record"}


class TwinError(Exception):
    pass


def is_spyc_module(name):
    return name == "spyc" or name.startswith("spyc.")


class Twin(ast.NodeTransformer):
    def __init__(self, slots):
        self.slots = slots
        self.names = {}        # local name -> spyc name (from spyc import checked as c)
        self.modules = set()   # local names bound to the spyc module (import spyc as s)
        self.need_dataclass = False
        self.dataclass_name = "dataclass"
        self.scope = []        # enclosing class/function names, for qualnames
        self.checked = []      # qualnames of the @checked functions

    # --- what a name refers to -------------------------------------------------------------
    def spyc_name(self, node):
        """'checked', 'i64', ... when node names a spyc attribute, else None."""
        if isinstance(node, ast.Name) and node.id in self.names:
            return self.names[node.id]
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in self.modules:
            return node.attr
        return None

    # --- imports -------------------------------------------------------------------------------
    def visit_ImportFrom(self, node):
        if node.module and is_spyc_module(node.module) and node.level == 0:
            return None
        return node

    def visit_Import(self, node):
        keep = [a for a in node.names if not is_spyc_module(a.name)]
        if not keep:
            return None
        node.names = keep
        return node

    # --- names ---------------------------------------------------------------------------------
    def visit_Name(self, node):
        s = self.spyc_name(node)
        if s is None:
            return node
        if s in BOUNDED:
            return ast.copy_location(ast.Name(id="int", ctx=node.ctx), node)
        raise TwinError("line %d: no plain equivalent for this use of spyc.%s" % (node.lineno, s))

    def visit_Attribute(self, node):
        s = self.spyc_name(node)
        if s is None:
            return self.generic_visit(node)
        if s in BOUNDED:
            return ast.copy_location(ast.Name(id="int", ctx=node.ctx), node)
        raise TwinError("line %d: no plain equivalent for this use of spyc.%s" % (node.lineno, s))

    # --- decorators ----------------------------------------------------------------------------
    def visit_FunctionDef(self, node):
        before = len(node.decorator_list)
        node.decorator_list = [d for d in node.decorator_list if self.spyc_name(d) != "checked"]
        if len(node.decorator_list) != before:
            self.checked.append(".".join(self.scope + [node.name]))
        self.scope.append(node.name)
        self.scope.append("<locals>")
        try:
            return self.generic_visit(node)
        finally:
            del self.scope[-2:]

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        kind = None
        decorators = []
        for d in node.decorator_list:
            s = self.spyc_name(d)
            if s in ("frozen", "record"):
                kind = s
                decorators.append(self.dataclass_call(d, frozen=s == "frozen"))
            else:
                decorators.append(d)
        node.decorator_list = decorators
        self.scope.append(node.name)
        try:
            node = self.generic_visit(node)
        finally:
            self.scope.pop()
        if kind == "frozen":
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name in ("__init__", "__post_init__") and item.args.args:
                    SetattrInInit(item.args.args[0].arg).run(item)
        return node

    def dataclass_call(self, at, frozen):
        self.need_dataclass = True
        kw = []
        if frozen:
            kw.append(ast.keyword(arg="frozen", value=ast.Constant(True)))
        if self.slots:
            kw.append(ast.keyword(arg="slots", value=ast.Constant(True)))
        return ast.copy_location(ast.Call(func=ast.Name(id=self.dataclass_name, ctx=ast.Load()), args=[], keywords=kw), at)


class SetattrInInit(ast.NodeTransformer):
    """`self.f = v` -> `object.__setattr__(self, "f", v)` (frozen dataclass construction)."""

    def __init__(self, self_name):
        self.self_name = self_name

    def is_self_attr(self, t):
        return isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == self.self_name

    def setattr_call(self, target, value, at):
        call = ast.Call(
            func=ast.Attribute(value=ast.Name(id="object", ctx=ast.Load()), attr="__setattr__", ctx=ast.Load()),
            args=[ast.Name(id=self.self_name, ctx=ast.Load()), ast.Constant(target.attr), value], keywords=[])
        return ast.copy_location(ast.Expr(value=call), at)

    def run(self, fn):
        fn.body = [self.visit(stmt) for stmt in fn.body]

    def visit_FunctionDef(self, node):
        return node  # a nested def has its own `self`

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        return node

    def visit_Assign(self, node):
        if len(node.targets) == 1 and self.is_self_attr(node.targets[0]):
            return self.setattr_call(node.targets[0], node.value, node)
        return node

    def visit_AnnAssign(self, node):
        if node.value is not None and self.is_self_attr(node.target):
            return self.setattr_call(node.target, node.value, node)
        return node

    def visit_AugAssign(self, node):
        if self.is_self_attr(node.target):
            load = ast.Attribute(value=ast.Name(id=self.self_name, ctx=ast.Load()), attr=node.target.attr, ctx=ast.Load())
            return self.setattr_call(node.target, ast.BinOp(left=load, op=node.op, right=node.value), node)
        return node


def bound_names(tree):
    """Every name the module binds or uses (to pick a free name for `dataclass`)."""
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        (a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}


def collect_spyc_imports(tree, twin):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and is_spyc_module(node.module) and node.level == 0:
            for a in node.names:
                if a.name == "*":
                    raise TwinError("line %d: 'from spyc import *': name the imports" % node.lineno)
                if a.name not in KNOWN and node.module == "spyc":
                    raise TwinError("line %d: no plain equivalent for spyc.%s" % (node.lineno, a.name))
                twin.names[a.asname or a.name] = a.name
        elif isinstance(node, ast.Import):
            for a in node.names:
                if is_spyc_module(a.name):
                    twin.modules.add(a.asname or a.name.split(".")[0])


def fill_empty_bodies(tree):
    """A block left empty by a removed import gets `pass`."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and not block and field == "body":
                block.append(ast.Pass())


def insert_import(tree, stmt):
    """After the docstring and `from __future__` imports."""
    i = 0
    body = tree.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        i = 1
    while i < len(body) and isinstance(body[i], ast.ImportFrom) and body[i].module == "__future__":
        i += 1
    body.insert(i, stmt)


def plain_twin(source, filename="<source>", slots=True, checked=None):
    tree = ast.parse(source, filename)
    twin = Twin(slots)
    collect_spyc_imports(tree, twin)
    used = bound_names(tree)
    if "dataclass" in used:
        twin.dataclass_name = "_dataclass"
        while twin.dataclass_name in used:
            twin.dataclass_name = "_" + twin.dataclass_name
    tree = twin.visit(tree)
    if checked is not None:
        checked.extend(twin.checked)
    if twin.need_dataclass:
        alias = None if twin.dataclass_name == "dataclass" else twin.dataclass_name
        insert_import(tree, ast.ImportFrom(module="dataclasses", names=[ast.alias(name="dataclass", asname=alias)], level=0))
    fill_empty_bodies(tree)
    ast.fix_missing_locations(tree)
    header = "# Plain twin of %s, generated by benchmarks/harness/plain_twin.py: spyc's decorators taken out.\n" % filename
    return header + ast.unparse(tree) + "\n"


def main(argv):
    argv = list(argv)
    checked_json = None
    if "--checked-json" in argv:
        i = argv.index("--checked-json")
        if i + 1 >= len(argv):
            sys.stderr.write(__doc__)
            return 2
        checked_json = argv[i + 1]
        del argv[i:i + 2]
    args = [a for a in argv if a != "--no-slots"]
    if len(args) not in (1, 2):
        sys.stderr.write(__doc__)
        return 2
    with open(args[0], encoding="utf-8") as f:
        source = f.read()
    checked = []
    try:
        text = plain_twin(source, args[0].replace("\\", "/").rsplit("/", 1)[-1], slots="--no-slots" not in argv, checked=checked)
    except (TwinError, SyntaxError) as e:
        sys.stderr.write("plain_twin: %s: %s\n" % (args[0], e))
        return 2
    if len(args) == 2:
        with open(args[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if checked_json is not None:
        import json
        with open(checked_json, "w", encoding="utf-8") as f:
            json.dump(checked, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
