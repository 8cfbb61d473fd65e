"""Load every app's demo data (the five seed cases), with one account per role.

It knows no app by name: each installed app's `demo` module is found with
Django's autodiscover_modules and run after the apps it builds on. A demo
module offers
    AFTER                        the app labels whose demo data it builds on;
    load(registry)               run inside one transaction for all apps, returns
                                 the lines to print about what it loaded;
    load_after_commit(registry)  optional, run once that transaction is committed;
    notes(registry)              optional, lines printed last (the demo accounts).
Every step is safe to run again: what is already there is left as it is.
"""

import sys

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

from parties.demo import Registry

MODULE = "demo"


def demo_modules():
    """{app label: its demo module}, for the installed apps that have one, in app order."""
    autodiscover_modules(MODULE)
    found = {}
    for config in apps.get_app_configs():
        module = sys.modules.get(f"{config.name}.{MODULE}")
        if module is not None and hasattr(module, "load"):
            found[config.label] = module
    return found


def in_dependency_order(modules):
    """The modules, each after those its AFTER names; ties keep the app order."""
    pending = dict(modules)
    ordered, done = [], set()
    while pending:
        for label, module in pending.items():
            needs = set(getattr(module, "AFTER", ()))
            unknown = needs - set(modules)
            if unknown:
                raise CommandError(
                    f"{label}.demo runs after {', '.join(sorted(unknown))}, which has no demo."
                )
            if needs <= done:
                break
        else:
            raise CommandError(f"The demo modules wait on each other: {', '.join(pending)}.")
        ordered.append(pending.pop(label))
        done.add(label)
    return ordered


class Command(BaseCommand):
    help = "Load the five seed cases as demo data, with one account per role. Safe to re-run."

    def handle(self, *args, **options):
        steps = in_dependency_order(demo_modules())
        registry = Registry()
        lines = []
        with transaction.atomic():
            for module in steps:
                lines += module.load(registry)
        for module in steps:
            if hasattr(module, "load_after_commit"):
                lines += module.load_after_commit(registry)
        for line in lines or ["Dữ liệu mẫu đã có sẵn; không thay đổi gì."]:
            self.stdout.write(line)
        for module in steps:
            if hasattr(module, "notes"):
                self.stdout.write("")
                for line in module.notes(registry):
                    self.stdout.write(line)
        self.stdout.write("\nĐăng nhập bằng một tài khoản ở trên.")
