"""Load the demo once: accounts, then each domain's demo records. Running it again changes nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from yalu.core.models import User
from yalu.exchange.demo import load_demo_imports
from yalu.ledger.demo import load_demo_ledger
from yalu.linkage.demo import load_demo_linkage
from yalu.people.demo import load_demo_registry
from yalu.permits.demo import load_demo_permits
from yalu.statistics.demo import load_demo_statistics
from yalu.web.demo_accounts import ensure_demo_accounts


class Command(BaseCommand):
    help = "Load the demo accounts and records (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = ensure_demo_accounts()
        self.stdout.write(f"accounts created: {len(accounts)}")
        admin = User.objects.get(username="admin")
        persons = load_demo_registry(acting_user=admin)
        self.stdout.write(f"demo persons created: {persons}" if persons else "demo registry already loaded")
        events = load_demo_ledger(acting_user=admin)
        self.stdout.write(f"demo ledger events created: {events}" if events else "demo ledger already loaded")
        links = load_demo_linkage(acting_user=admin)
        self.stdout.write(f"demo link candidates created: {links}" if links else "demo linkage already run")
        permits = load_demo_permits(acting_user=admin)
        self.stdout.write(f"demo permits applications created: {permits}" if permits else "demo permits already loaded")
        figures = load_demo_statistics(acting_user=admin)
        self.stdout.write(f"demo aggregate figures created: {figures}" if figures else "demo figures already loaded")
        imported = load_demo_imports(acting_user=admin)
        self.stdout.write(f"demo import rows written: {imported}" if imported else "demo import already loaded")
