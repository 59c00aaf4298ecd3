from __future__ import annotations

import pytest

from tests.library.world import library_world


@pytest.fixture
def world(db):
    return library_world()
