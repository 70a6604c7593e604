"""The roles of DESIGN.md as auth groups, each with its permissions; what a user may do is role × jurisdiction.

Later apps add their permissions here, so that the whole table of who-may-what stays in one place.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

ROLE_LABELS = {
    "clerk": _("border unit clerk"),
    "security_officer": _("public security officer"),
    "foreign_affairs": _("foreign affairs officer"),
    "analyst": _("provincial analyst"),
    "ministry": _("ministry staff"),
    "approver": _("approver"),
    "welfare": _("welfare officer"),
    "auditor": _("auditor"),
}

_READ_PEOPLE = ["people.view_person"]
_WRITE_PEOPLE = ["people.view_person", "people.add_person", "people.change_person"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "clerk": _WRITE_PEOPLE,
    "security_officer": _WRITE_PEOPLE,
    "foreign_affairs": _WRITE_PEOPLE,
    "analyst": _READ_PEOPLE,
    "ministry": _READ_PEOPLE,
    "approver": _READ_PEOPLE,
    "welfare": _READ_PEOPLE,
    "auditor": ["core.view_auditevent"],
}

# The ledger: border units and public security record events and confirm handbacks; foreign affairs
# records the other state's lists; analysts and ministries read.
_LEDGER_RECORD = ["ledger.view_movementevent", "ledger.add_movementevent", "ledger.view_handbacklist"]
_LEDGER_HANDBACK = ["ledger.change_handbackitem", "ledger.confirm_handbackitem"]
_LEDGER_READ = ["ledger.view_movementevent", "ledger.view_handbacklist"]
for _role, _permissions in {
    "clerk": _LEDGER_RECORD + _LEDGER_HANDBACK,
    "security_officer": _LEDGER_RECORD + _LEDGER_HANDBACK,
    "foreign_affairs": [*_LEDGER_READ, "ledger.add_handbacklist", "ledger.change_handbackitem"],
    "analyst": _LEDGER_READ,
    "ministry": _LEDGER_READ,
    "approver": _LEDGER_READ,
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + _permissions

# Imports of the exchange formats: those who record may import what they record; analysts read the imports.
_IMPORT = ["exchange.add_importbatch", "exchange.view_importbatch"]
for _role, _permissions in {
    "clerk": _IMPORT,
    "security_officer": _IMPORT,
    "foreign_affairs": _IMPORT,
    "analyst": ["exchange.view_importbatch"],
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + _permissions


# Permits: foreign affairs registers letters and the other state's requests; public security files
# applications and records departures; approvers decide in their jurisdiction; analysts and ministries read.
_PERMITS_READ = [
    "permits.view_authorizationletter",
    "permits.view_travelapplication",
    "permits.view_reunificationrequest",
]
for _role, _permissions in {
    "foreign_affairs": [
        *_PERMITS_READ,
        "permits.add_authorizationletter",
        "permits.add_reunificationrequest",
        "permits.change_reunificationrequest",
    ],
    "security_officer": [*_PERMITS_READ, "permits.add_travelapplication", "permits.change_travelapplication"],
    "approver": [*_PERMITS_READ, "permits.decide_travelapplication"],
    "analyst": _PERMITS_READ,
    "ministry": _PERMITS_READ,
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + _permissions


# Statistics: reporting units enter aggregate submissions; approvers and provincial analysts approve
# them within their jurisdiction; ministries accept; analysts and ministries freeze snapshots.
_STATISTICS_READ = ["statistics.view_aggregatesubmission", "statistics.view_snapshot"]
_STATISTICS_REPORT = [*_STATISTICS_READ, "statistics.add_aggregatesubmission"]
for _role, _permissions in {
    "clerk": _STATISTICS_READ,
    "security_officer": _STATISTICS_REPORT,
    "foreign_affairs": _STATISTICS_REPORT,
    "welfare": _STATISTICS_REPORT,
    "analyst": [*_STATISTICS_REPORT, "statistics.approve_aggregatesubmission", "statistics.add_snapshot"],
    "approver": [*_STATISTICS_READ, "statistics.approve_aggregatesubmission"],
    "ministry": [*_STATISTICS_READ, "statistics.accept_aggregatesubmission", "statistics.add_snapshot"],
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + _permissions


# Linkage: officers review and decide the candidate links; analysts run the linkage and read the queue.
_LINKAGE_REVIEW = ["linkage.view_linkcandidate", "linkage.change_linkcandidate", "linkage.view_linkagerun"]
for _role, _permissions in {
    "security_officer": [*_LINKAGE_REVIEW, "linkage.add_linkagerun"],
    "foreign_affairs": _LINKAGE_REVIEW,
    "analyst": ["linkage.view_linkcandidate", "linkage.view_linkagerun", "linkage.add_linkagerun"],
}.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] + _permissions


# Reports: every role that reads figures may see the report pages and export published tables.
for _role in ("clerk", "security_officer", "foreign_affairs", "analyst", "ministry", "approver", "welfare"):
    ROLE_PERMISSIONS[_role] = [*ROLE_PERMISSIONS[_role], "reports.view_report"]


def sync_role_groups(sender: Any = None, **kwargs: Any) -> None:
    """Make the groups match ROLE_PERMISSIONS after every migrate (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    for role, permission_names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.using(using).get_or_create(name=role)
        permissions = []
        for name in permission_names:
            app_label, codename = name.split(".", 1)
            permission = (
                Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename).first()
            )
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)
