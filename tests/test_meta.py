"""Project rules that keep the code honest."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


PACKAGES = ("bot", "index")
MAX_MODULE_LINES = 500
MAX_CLASS_METHODS = 20
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def our_modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))}


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports (``from pkg import name`` counts as ``pkg.name`` when
    that is a module, else as ``pkg``)."""
    modules = our_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
                found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def _compiled_kernels() -> set[str]:
    """The functions numba compiles (named in ``_kernels._BUILD`` and ``_SEARCH``)."""
    tree = ast.parse((ROOT / "index" / "ranking" / "_kernels.py").read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("_BUILD", "_SEARCH") for t in node.targets):
            names |= set(ast.literal_eval(node.value))
    return names


def test_no_import_cycle():
    assert cycles(import_graph()) == []


def test_import_graph_sees_imports():  # the check above must be able to fail
    graph = import_graph()
    assert "index" in graph["bot.cli"] and "index.ranking.bm25" in graph["index.ranking.persist"]
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_bot_uses_only_the_public_face_of_index():
    for name, imported in import_graph().items():
        if name.startswith("bot"):
            assert {m for m in imported if m.startswith("index")} <= {"index"}, name


def test_index_declares_its_public_face():
    import index

    assert index.__all__ and all(hasattr(index, name) for name in index.__all__)


def test_sizes_stay_readable():
    kernels = _compiled_kernels()
    assert kernels
    problems = []
    for name, path in our_modules().items():
        exempt = kernels if name == "index.ranking._kernels" else set()
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            problems.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                methods = [f for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
                if len(methods) > MAX_CLASS_METHODS:
                    problems.append(f"{name}.{node.name}: {len(methods)} methods")
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name not in exempt:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(f"{name}.{node.name}: {length} lines")
    assert problems == []


def test_index_never_imports_telegram_or_the_bot():
    for path in (ROOT / "index").rglob("*.py"):
        assert not imported_modules(path) & {"telegram", "bot"}, path


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make run" in readme
    assert [l for l in ci.splitlines() if l and not l.startswith(("#", "set ", "cd "))] == ["make test"]


def test_env_example_lists_every_setting_read():
    settings = set(re.findall(r'(?<![.\w])get\("([A-Z_]+)"\)', (ROOT / "bot" / "config.py").read_text(encoding="utf-8")))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert settings and all(f"{name}=" in example for name in settings)


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("ingest", "ask", "search", "latest", "articles", "chat", "run", "feeds add", "feeds list",
                    "feeds remove", "fetch"):
        assert f"newsbot {command}" in readme, command


def test_an_installed_wheel_carries_the_seed_corpus():
    """A non-editable install (the Docker image) must find the embedded default corpus: the wheel's data
    files put seeds/ under share/newsbot/seeds, where the library looks when there is no checkout.
    (Building the wheel here would need setuptools from PyPI: no network in tests.)"""
    import glob
    import sysconfig
    import tomllib

    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    packaged = {Path(f).name for pattern in data_files["share/newsbot/seeds"] for f in glob.glob(str(ROOT / pattern))}
    assert packaged and packaged == {p.name for p in (ROOT / "seeds").iterdir() if p.is_file()}
    from index import library

    assert library.SEEDS_DIR == ROOT / "seeds"  # a checkout
    source = (ROOT / "index" / "library.py").read_text()
    assert 'Path(sysconfig.get_path("data")) / "share" / "newsbot" / "seeds"' in source
    assert sysconfig.get_path("data")
