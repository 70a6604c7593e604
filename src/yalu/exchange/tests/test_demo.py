"""The demo's import: written once, with its bad row in the quarantine."""

from __future__ import annotations

from yalu.exchange.demo import load_demo_imports
from yalu.exchange.models import QuarantinedRow


def test_the_demo_import_loads_once_with_one_row_quarantined(db, django_user_model) -> None:
    admin = django_user_model.objects.create_superuser("admin", password="x")
    assert load_demo_imports(acting_user=admin) == 6
    assert load_demo_imports(acting_user=admin) == 0
    row = QuarantinedRow.objects.get()
    assert row.row_number == 8 and row.errors[0]["code"] == "before_related"
