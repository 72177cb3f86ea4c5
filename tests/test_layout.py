"""Dependencies run one way: ``pipelines`` (cleaning, the report record, the in-memory dedupe
index) knows nothing of Scrapy items, the crawler or the store; ``store`` uses ``pipelines``;
``crawler`` (spiders, CLI) uses both. Checked on the import statements of the source tree."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("crawler", "pipelines", "store")


def imports(path: Path) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module
            found.add(name)
            found |= {f"{name}.{alias.name}" for alias in node.names}
    return found


def modules(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        yield path, imports(path)


def top(name: str) -> str:
    return name.split(".")[0]


def test_no_import_cycle_between_top_level_packages():
    edges = {(package, top(name)) for package in PACKAGES for _, names in modules(package)
             for name in names if top(name) in PACKAGES and top(name) != package}
    assert edges == {("crawler", "pipelines"), ("crawler", "store"), ("store", "pipelines")}


@pytest.mark.parametrize("package, forbidden", [
    ("pipelines", ("crawler", "store", "click", "scrapy.item", "scrapy.http")),
    ("store", ("crawler", "click")),
    ("crawler/parsers", ("crawler.items", "crawler.spiders", "store", "scrapy")),
])
def test_lower_layers_do_not_know_the_upper_ones(package, forbidden):
    found = [f"{path.relative_to(ROOT)} imports {name}" for path, names in modules(package) for name in sorted(names)
             if any(name == f or name.startswith(f + ".") for f in forbidden)]
    assert found == []


def test_no_family_module_imports_another_family():
    families = {path.stem for path in (ROOT / "crawler" / "families").glob("*.py")} - {"__init__"}
    assert {"hanweb", "trs", "generic"} <= families
    found = [f"{path.stem} imports {name}" for path, names in modules("crawler/families") for name in names
             if path.stem != "__init__" and name.startswith("crawler.families.") and name.split(".")[2] in families - {path.stem}]
    assert found == []


def test_a_family_is_one_module_and_one_entry():
    from crawler import families

    modules_on_disk = {path.stem for path in (ROOT / "crawler" / "families").glob("*.py")} - {"__init__"}
    assert set(families.NAMES) == modules_on_disk
    for module in families.MODULES:
        assert module.Spider.name == module.NAME and isinstance(module.SIGNS, tuple) and isinstance(module.BODY_SELECTORS, tuple)


def test_the_check_reads_relative_imports():
    assert "pipelines.record.report_id" in imports(ROOT / "pipelines" / "dedupe.py")
    assert "store.write.Corpus" in imports(ROOT / "store" / "pipeline.py")
