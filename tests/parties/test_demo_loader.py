"""load_demo knows no app by name: it finds each app's demo module and runs it after
the apps it builds on (tests/agreements/test_load_demo.py checks what it loads)."""

from types import SimpleNamespace

import pytest
from django.core.management import CommandError

from parties.management.commands.load_demo import demo_modules, in_dependency_order


def demo(name, *after):
    return SimpleNamespace(name=name, AFTER=after, load=lambda registry: [])


def test_it_finds_the_demo_module_of_every_app():
    modules = demo_modules()
    assert list(modules) == ["parties", "agreements", "meetings", "reports"]
    assert all(module.__name__ == f"{label}.demo" for label, module in modules.items())


def test_each_runs_after_the_apps_it_builds_on():
    modules = {
        "reports": demo("reports", "meetings"),
        "meetings": demo("meetings", "agreements"),
        "parties": demo("parties"),
        "agreements": demo("agreements", "parties"),
    }
    assert [m.name for m in in_dependency_order(modules)] == [
        "parties",
        "agreements",
        "meetings",
        "reports",
    ]


def test_the_installed_apps_run_up_the_ladder():
    order = [module.__name__ for module in in_dependency_order(demo_modules())]
    assert order == ["parties.demo", "agreements.demo", "meetings.demo", "reports.demo"]


def test_apps_that_do_not_depend_on_each_other_keep_the_app_order():
    modules = {"b": demo("b"), "a": demo("a"), "c": demo("c", "a")}
    assert [m.name for m in in_dependency_order(modules)] == ["b", "a", "c"]


def test_a_demo_that_waits_on_a_missing_app_is_refused():
    with pytest.raises(CommandError, match="has no demo"):
        in_dependency_order({"meetings": demo("meetings", "agreements")})


def test_demos_that_wait_on_each_other_are_refused():
    with pytest.raises(CommandError, match="wait on each other"):
        in_dependency_order({"a": demo("a", "b"), "b": demo("b", "a")})
