import pytest
from django.utils import translation

from agreements.demo import load_programmes
from meetings.demo import close_reviewed_programmes, load_meetings
from parties.demo import Registry, load_parties, load_users


@pytest.fixture
def demo(db):
    """The seed cases' data (no reports), with its registry of keys."""
    registry = load_parties(Registry())
    fresh = load_programmes(registry)
    load_meetings(registry, fresh)
    close_reviewed_programmes(registry, fresh)
    load_users(registry)
    return registry


@pytest.fixture
def vietnamese():
    with translation.override("vi"):
        yield
