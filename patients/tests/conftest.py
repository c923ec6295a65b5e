import pytest

from records.tests.scene import build_scene


@pytest.fixture
def scene(db):
    return build_scene()
