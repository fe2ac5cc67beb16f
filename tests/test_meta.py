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
    for command in ("ingest", "ask", "search", "latest", "articles", "chat", "run"):
        assert f"newsbot {command}" in readme, command
