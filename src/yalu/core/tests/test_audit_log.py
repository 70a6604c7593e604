from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.test import Client

from yalu.conftest import PASSWORD
from yalu.core.models import AuditEvent


def test_audit_rows_refuse_update_and_delete(personas) -> None:
    # given an audit row
    event = AuditEvent.objects.first()
    assert event is not None
    # when someone updates or deletes it through the database, then the database refuses
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="view")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk, action=event.action).exists()


def test_logins_and_failures_are_logged(personas) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "clerk.longjing", "password": "wrong"})
    client.post("/accounts/login/", {"username": "clerk.longjing", "password": PASSWORD})
    assert AuditEvent.objects.filter(action="login_failed", actor_username="clerk.longjing").count() == 1
    assert AuditEvent.objects.filter(action="login", actor=personas.clerk_longjing).count() == 1


def test_auditor_reads_the_log_and_reading_is_logged(personas) -> None:
    client = personas.client(personas.auditor)
    response = client.get("/audit/", {"action": "create"})
    assert response.status_code == 200
    assert "people.person" in response.content.decode()
    assert AuditEvent.objects.filter(action="audit_read", actor=personas.auditor).count() == 1


def test_clerk_cannot_open_the_audit_page_and_the_denial_is_logged(personas) -> None:
    response = personas.client(personas.clerk_longjing).get("/audit/")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(action="denied", actor=personas.clerk_longjing, path="/audit/").exists()


def test_anonymous_pages_redirect_to_login(db) -> None:
    response = Client().get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
