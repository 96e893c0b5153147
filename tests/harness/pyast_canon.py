"""Canonical JSON of CPython's `ast` for the structural differential test of spyc's parser.

stdin:  {"files": [{"name": str, "source": str, "ours": <canonical tree from the TS side>}]}
stdout: {"files": [{"name": str, "cpython": <canonical tree> | {"error": str}, "ours": <tree>}]}

Canonical form (shared with tests/unit/syntax.test.ts): a node is {"_": ClassName,
"@": "line:col-endline:endcol", field: value...} with CPython's `_fields` minus type_comment,
Constant.kind and Module.type_ignores; "@" only for node classes that have positions. Columns
are converted from UTF-8 bytes to UTF-16 units so they compare with JS string offsets.
Operators and contexts become their class names. Constants become "type:repr"; on our side
they arrive as {"$py": source} and are evaluated here with ast.literal_eval, so a wrong `py`
text shows up as a value difference.
"""
import ast
import json
import sys

SKIP = {"type_comment", "kind", "type_ignores"}


def utf16_col(line: str, byte_col: int) -> int:
    prefix = line.encode("utf-8")[:byte_col].decode("utf-8", errors="replace")
    return sum(2 if ord(ch) > 0xFFFF else 1 for ch in prefix)


def const(v):
    return f"{type(v).__name__}:{v!r}"


def canon_cpython(tree, source):
    lines = source.split("\n")

    def pos(n):
        l, c, el, ec = n.lineno, n.col_offset, n.end_lineno, n.end_col_offset
        c = utf16_col(lines[l - 1], c) if l - 1 < len(lines) else c
        if el is not None and ec is not None and el - 1 < len(lines):
            ec = utf16_col(lines[el - 1], ec)
        return f"{l}:{c}-{el}:{ec}"

    def conv(v):
        if isinstance(v, (ast.operator, ast.cmpop, ast.unaryop, ast.boolop, ast.expr_context)):
            return type(v).__name__
        if isinstance(v, ast.AST):
            d = {"_": type(v).__name__}
            if "lineno" in v._attributes:
                d["@"] = pos(v)
            for f in v._fields:
                if f in SKIP:
                    continue
                x = getattr(v, f)
                d[f] = const(x) if isinstance(v, ast.Constant) and f == "value" else conv(x)
            return d
        if isinstance(v, list):
            return [conv(x) for x in v]
        if isinstance(v, bool):
            return int(v)
        return v

    return conv(tree)


def resolve_ours(v):
    if isinstance(v, dict):
        if "$py" in v and len(v) == 1:
            try:
                return const(ast.literal_eval(v["$py"]))
            except Exception as e:  # a bad `py` text is a test failure, shown as a value
                return f"<literal_eval failed: {type(e).__name__}: {e}: {v['$py']!r}>"
        return {k: resolve_ours(x) for k, x in v.items()}
    if isinstance(v, list):
        return [resolve_ours(x) for x in v]
    return v


def main():
    req = json.load(sys.stdin)
    out = []
    for f in req["files"]:
        try:
            cp = canon_cpython(ast.parse(f["source"], filename=f["name"]), f["source"])
        except SyntaxError as e:
            cp = {"error": f"SyntaxError: {e}"}
        out.append({"name": f["name"], "cpython": cp, "ours": resolve_ours(f.get("ours"))})
    json.dump({"files": out}, sys.stdout)


if __name__ == "__main__":
    main()
