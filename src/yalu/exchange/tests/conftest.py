from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def originals_in_tmp(settings: Any, tmp_path_factory: Any) -> None:
    """Keep the tests' stored originals out of the developer's var/."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
