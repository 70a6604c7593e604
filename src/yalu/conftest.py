"""Personas shared by every app's tests (Healthchecks' alice/bob/charlie habit), on the real border areas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client

from yalu.areas.models import Area
from yalu.core.models import Agency, User
from yalu.people.actions import NameInput, create_person
from yalu.people.models import Person

PASSWORD = "persona-password"


def make_user(username: str, roles: list[str], area_code: str | None, agency_code: str | None = None) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        jurisdiction=Area.objects.get(code=area_code) if area_code else None,
        agency=Agency.objects.filter(code=agency_code).first() if agency_code else None,
    )
    user.groups.set(Group.objects.filter(name__in=roles))
    return user


@dataclass
class Personas:
    clerk_longjing: User
    clerk_yanji: User
    analyst_jilin: User
    auditor: User
    outsider: User
    longjing_person: Person
    yanji_person: Person

    def client(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


@pytest.fixture
def personas(db: Any) -> Personas:
    clerk_longjing = make_user("clerk.longjing", ["clerk", "security_officer"], "222405", "longjing-psb")
    clerk_yanji = make_user("clerk.yanji", ["clerk", "security_officer"], "222401", "yanji-psb")
    analyst = make_user("analyst.jilin", ["analyst", "approver"], "CN-JL", "jilin-psd")
    auditor = make_user("auditor", ["auditor"], "CN")
    outsider = make_user("outsider", [], None)
    longjing_person = create_person(
        acting_user=clerk_longjing,
        home_area=Area.objects.get(code="222405"),
        names=[
            NameInput(system="hanzi", family="朴", given="成哲"),
            NameInput(system="hangul", family="박", given="성철"),
        ],
        sex="M",
        birth_year=1931,
        nationality="CN",
    )
    yanji_person = create_person(
        acting_user=clerk_yanji,
        home_area=Area.objects.get(code="222401"),
        names=[NameInput(system="hangul", family="김", given="영숙")],
        sex="F",
        birth_year=1935,
        birth_month=4,
        nationality="CN",
    )
    return Personas(clerk_longjing, clerk_yanji, analyst, auditor, outsider, longjing_person, yanji_person)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_saved_sqlite_triggers: list[str] = []


def _restore_sqlite_triggers() -> None:
    if connection.vendor == "sqlite" and _saved_sqlite_triggers:
        with connection.cursor() as cursor:
            for statement in _saved_sqlite_triggers:
                cursor.execute(statement.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1))


@pytest.fixture
def live_db(transactional_db: Any) -> Any:
    """A transactional database whose append-only tables can still be flushed between tests.

    SQLite flushes with DELETE, which the append-only triggers refuse: they are set aside for the flush
    and put back before the next test. (PostgreSQL flushes with TRUNCATE, which row triggers do not see.)
    """
    _restore_sqlite_triggers()
    if not Area.objects.exists():
        # the flush after an earlier transactional test removed what the migrations loaded: load it again
        from django.apps import apps as django_apps
        from django.contrib.auth.management import create_permissions

        from yalu.areas.border_region import load_border_region
        from yalu.core.agencies import load_agencies
        from yalu.core.roles import sync_role_groups

        load_border_region(Area)
        load_agencies(Agency, Area)
        for app_config in django_apps.get_app_configs():
            create_permissions(app_config, verbosity=0)
        sync_role_groups()
    yield transactional_db
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%append-only%'")
            rows = cursor.fetchall()
            for name, _sql in rows:
                cursor.execute(f'DROP TRIGGER "{name}"')
        _saved_sqlite_triggers[:] = sorted({sql for _name, sql in rows} | set(_saved_sqlite_triggers))
