"""The demo accounts of README.md: username, roles, jurisdiction, agency; all with the password yalu-demo."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from yalu.areas.models import Area
from yalu.core.models import Agency, User

DEMO_PASSWORD = "yalu-demo"  # noqa: S105 - the documented demo password

DEMO_ACCOUNTS: list[tuple[str, list[str], str, str | None]] = [
    ("clerk.longjing", ["clerk", "security_officer"], "222405", "longjing-psb"),
    ("clerk.yanji", ["clerk", "security_officer"], "222401", "yanji-psb"),
    ("analyst.jilin", ["analyst", "approver"], "CN-JL", "jilin-psd"),
    ("officer.yanbian-fao", ["foreign_affairs", "approver"], "222400", "yanbian-fao"),
    ("ministry.mfa", ["ministry"], "CN", "mfa"),
    ("auditor", ["auditor"], "CN", "mps"),
]


@transaction.atomic
def ensure_demo_accounts() -> list[str]:
    """Create the accounts that are missing; returns the usernames created."""
    created = []
    for username, roles, area_code, agency_code in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            jurisdiction=Area.objects.get(code=area_code),
            agency=Agency.objects.filter(code=agency_code).first() if agency_code else None,
        )
        user.groups.set(Group.objects.filter(name__in=roles))
        created.append(username)
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            username="admin", password=DEMO_PASSWORD, email="", jurisdiction=Area.objects.get(code="CN")
        )
        created.append("admin")
    return created
