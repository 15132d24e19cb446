"""The shape of the code, checked: the one-way imports of docs/architecture.md, no import circle between files,
no module of the apps over 600 lines. Reads the source with `ast`; imports nothing of the project."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# From the floor up: an app may import the apps before it in this list, never one after it (reports and
# devdata read everything; kudequa only wires the apps together in urls.py and settings.py).
APPS = [
    "common",
    "accounts",
    "notifications",
    "quarters",
    "needs",
    "financing",
    "initiatives",
    "advisory",
    "reports",
    "devdata",
    "kudequa",
]
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    return modules


MODULES = _modules()


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _runtime_imports(node: ast.AST):
    """Imports run when the module is imported: at module level, in `if`/`try` blocks, not under TYPE_CHECKING."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If | ast.Try) and not _is_type_checking(child):
            yield from _runtime_imports(child)


def _target(module: str, node: ast.AST) -> list[str]:
    names = []
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]
            for _ in range(node.level - 1):
                package = package.rsplit(".", 1)[0]
            base = f"{package}.{base}" if base else package
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
    found = []
    for name in names:
        while name not in MODULES and "." in name:
            name = name.rsplit(".", 1)[0]
        if name in MODULES and name != module:
            found.append(name)
    return found


def _graph(runtime_only: bool) -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text())
        nodes = (
            _runtime_imports(tree)
            if runtime_only
            else (n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom))
        )
        graph[module] = {target for node in nodes for target in _target(module, node)}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return components


def test_no_import_circle_between_files():
    assert _cycles(_graph(runtime_only=True)) == []


def test_imports_run_one_way_between_apps():
    wrong = []
    for module, targets in _graph(runtime_only=False).items():
        app = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other == app:
                continue
            if app == "kudequa":
                allowed = module in ("kudequa.urls", "kudequa.settings")
            elif app in ("reports", "devdata"):
                allowed = other != "kudequa" or target == "kudequa.celery"
            else:
                allowed = APPS.index(other) < APPS.index(app) or target == "kudequa.celery"
            if not allowed:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_module_of_the_apps_passes_600_lines():
    """Past 600 lines a module becomes a package whose modules name their parts."""
    long = {
        module: lines for module, path in MODULES.items() if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
