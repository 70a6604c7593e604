"""Permits personas on top of the shared ones: a foreign affairs officer and approvers near and far."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from yalu.areas.models import Area
from yalu.conftest import Personas, make_user
from yalu.core.models import User
from yalu.permits.actions import ApplicationInput, LetterInput, file_application, record_letter
from yalu.permits.models import AuthorizationLetter, DenialReason, TravelApplication
from yalu.permits.reasons import load_denial_reasons


@dataclass
class PermitsPersonas:
    base: Personas
    fao: User
    approver_yanbian: User
    approver_dandong: User

    def client(self, user: User) -> Client:
        """A signed-in client that reads the pages in English (the tests' messages are the English ones)."""
        client = self.base.client(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    def letter(self, number: str = "KP-L-1", **changes: Any) -> AuthorizationLetter:
        values: dict[str, Any] = {
            "number": number,
            "issued_on": datetime.date(1961, 3, 1),
            "issued_by": "DPRK Ministry of Foreign Affairs",
            "received_on": datetime.date(1961, 3, 20),
            "received_by": Area.objects.get(code="222405"),
            "invitee_name": "박성철",
            "invitee_birth_year": 1931,
            "valid_until": datetime.date(1961, 9, 30),
            "inviter_name": "박영남",
            "inviter_relation": "brother",
        }
        values.update(changes)
        return record_letter(acting_user=self.fao, letter=LetterInput(**values))

    def application(self, **changes: Any) -> TravelApplication:
        values: dict[str, Any] = {
            "office": Area.objects.get(code="222405"),
            "person": self.base.longjing_person,
            "filed_on": datetime.date(1961, 4, 2),
            "purpose": "family_reunification",
        }
        values.update(changes)
        return file_application(acting_user=self.base.clerk_longjing, application=ApplicationInput(**values))


@pytest.fixture
def permits(personas: Personas) -> PermitsPersonas:
    load_denial_reasons(DenialReason)
    return PermitsPersonas(
        base=personas,
        fao=make_user("officer.yanbian-fao", ["foreign_affairs", "approver"], "222400", "yanbian-fao"),
        approver_yanbian=make_user("approver.yanbian", ["approver"], "222400"),
        approver_dandong=make_user("approver.dandong", ["approver"], "210600"),
    )


@pytest.fixture(autouse=True)
def in_english() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield
