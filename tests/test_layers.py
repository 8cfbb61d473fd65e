"""The apps form a ladder — parties ← agreements ← meetings ← reports, with config on
top — and each floor knows only the floors below it: its modules import nothing
from an app above (import-linter's contract in pyproject.toml), and its templates
include, extend, load and link nothing of an app above."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.template import engines
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parents[1]
LADDER = ["config", "reports", "meetings", "agreements", "parties"]  # top to bottom
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint_imports(*arguments, cwd=ROOT):
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def contract():
    (ladder,) = [
        c
        for c in read_configuration(str(ROOT / "pyproject.toml"))["contracts_options"]
        if c.get("id") == "ladder"
    ]
    return ladder


def test_the_contract_names_every_app_top_to_bottom():
    ladder = contract()
    assert ladder["type"] == "layers"
    assert ladder["layers"] == LADDER
    assert not ladder.get("ignore_imports"), "the ladder allows no exceptions"


def test_no_module_imports_an_app_above_its_own():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_import_that_climbs_breaks_the_contract(tmp_path):
    """The same contract, on a copy of the house where the ground floor imports reports."""
    for package in LADDER:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "parties" / "rules.py").write_text("from reports import models\n")
    (tmp_path / "reports" / "models.py").write_text("")
    ladder = contract()
    layers = "".join(f"\n    {layer}" for layer in ladder["layers"])
    (tmp_path / ".importlinter").write_text(
        f"[importlinter]\nroot_packages ={layers}\n\n"
        f"[importlinter:contract:ladder]\nname = {ladder['name']}\ntype = layers\n"
        f"layers ={layers}\n"
    )
    result = lint_imports("--config", ".importlinter", cwd=tmp_path)
    assert result.returncode != 0
    assert "parties.rules -> reports.models" in result.stdout


# --- templates ----------------------------------------------------------------------

APPS = LADDER[1:]
TEMPLATE_NAMES = re.compile(r"""{%\s*(?:include|extends)\s+["']([a-z_]+)/""")
URL_NAMES = re.compile(r"""{%\s*url\s+["']([a-z_]+):""")
LOADS = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def libraries_by_app():
    """{tag library name: the app that provides it}."""
    libraries = engines["django"].engine.libraries  # {name: dotted path of its module}
    return {name: path.split(".")[0] for name, path in libraries.items()}


def apps_named(text):
    libraries = libraries_by_app()
    named = set(TEMPLATE_NAMES.findall(text)) | set(URL_NAMES.findall(text))
    for load in LOADS.findall(text):
        named |= {libraries.get(name, "") for name in load.split() if name != "from"}
    return named & set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_no_template_names_an_app_above_its_own(app):
    above = set(APPS[: APPS.index(app)])
    climbing = {
        str(path.relative_to(ROOT)): sorted(apps_named(path.read_text()) & above)
        for path in sorted((ROOT / "templates" / app).rglob("*.html"))
    }
    assert {path: apps for path, apps in climbing.items() if apps} == {}


def test_the_template_check_sees_a_climbing_template():
    text = '{% load report_tags %}{% include "meetings/includes/_x.html" %}{% url "reports:list" %}'
    assert apps_named(text) == {"reports", "meetings"}
