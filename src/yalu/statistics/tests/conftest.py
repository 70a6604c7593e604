from __future__ import annotations

from typing import Any

import pytest

from yalu.conftest import make_user
from yalu.core.models import User


@pytest.fixture
def ministry(db: Any) -> User:
    return make_user("ministry.mfa", ["ministry"], "CN", "mfa")


@pytest.fixture
def admin_user(db: Any) -> User:
    return User.objects.create_superuser(username="admin-stats", password="x", email="")


@pytest.fixture(autouse=True)
def originals_in_tmp(settings: Any, tmp_path_factory: Any) -> None:
    """Imported originals go to a temporary folder, not the developer's var/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
