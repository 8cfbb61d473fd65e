"""Two people at once, on PostgreSQL: edit vs edit, edit vs signing, add vs add, move
vs move, two drafts given one number. Nothing is lost, nothing answers a 500, and a
signed programme's fingerprint always matches its text.

Each race runs two threads released together by a barrier; a short pause inside
the first writer's transaction widens the window the lock must close.
"""

import threading
import time
from datetime import date
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from agreements.models import Clause, Programme
from agreements.services import (
    clause_create,
    clause_move,
    clause_update,
    programme_create,
    programme_fingerprint,
    programme_update,
    programmes_sign,
)
from agreements.services import clauses as clause_services
from agreements.services import drafts as draft_services
from parties.versions import EditConflict
from tests.agreements.factories import district_bodies, draft

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def bodies(postgres_only):
    return district_bodies()


def race(*jobs):
    """Run the jobs in threads released at once; return (results, errors) by job."""
    start = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), [None] * len(jobs)

    def run(index, job):
        try:
            start.wait()
            results[index] = job()
        except Exception as error:
            errors[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return results, errors


def slowly(module, name, pause=0.3):
    """Patch `module.name` to pause after it runs, inside the caller's transaction."""
    original = getattr(module, name)

    def slow(*args, **kwargs):
        result = original(*args, **kwargs)
        time.sleep(pause)
        return result

    return mock.patch.object(module, name, side_effect=slow)


def clause_arguments(clause, text):
    return {
        "text": text,
        "lead_body": clause.lead_body,
        "supporting_bodies": list(clause.supporting_bodies.all()),
        "cadence": clause.cadence,
        "due_date": clause.due_date,
        "indicators": [(i.name, i.unit, i.target) for i in clause.indicators.all()],
    }


def signing_of(programme):
    return {
        "programmes": [programme],
        "date": programme.period_start,
        "place": "Phòng họp số 1",
        "signatories": {
            programme: [(p.body, p.body.officials.first()) for p in programme.memberships.all()]
        },
    }


def test_two_edits_of_one_clause_keep_the_first_and_refuse_the_second(bodies):
    programme = draft(list(bodies))
    clause = programme.clauses.get(number=1)
    opened_at = clause.version

    def edit(text):
        mine = Clause.objects.get(pk=clause.pk)
        return clause_update(clause=mine, version=opened_at, **clause_arguments(mine, text))

    with slowly(clause_services, "_replace_indicators"):
        results, errors = race(lambda: edit("Bản của chị Lan"), lambda: edit("Bản của anh Minh"))
    conflicts = [e for e in errors if e is not None]
    assert len(conflicts) == 1 and isinstance(conflicts[0], EditConflict)
    saved = Clause.objects.get(pk=clause.pk)
    winner = next(r for r in results if r is not None)
    assert saved.text == winner.text and saved.version == opened_at + 1
    [(label, now, yours)] = conflicts[0].changes
    assert now == saved.text and yours != saved.text


def test_two_edits_of_one_draft_keep_the_first_and_refuse_the_second(bodies):
    programme = draft(list(bodies))
    opened_at = programme.version

    def edit(title):
        mine = Programme.objects.get(pk=programme.pk)
        return programme_update(
            programme=mine,
            version=opened_at,
            number=mine.number,
            symbol=mine.symbol,
            year=mine.year,
            issuer=mine.issuer,
            title=title,
            parties=list(mine.parties.all()),
            lead=mine.issuer,
            period_start=mine.period_start,
            period_end=mine.period_end,
        )

    with slowly(draft_services, "programme_refresh_search_text"):
        _results, errors = race(lambda: edit("Tiêu đề thứ nhất"), lambda: edit("Tiêu đề thứ hai"))
    assert sum(isinstance(e, EditConflict) for e in errors) == 1
    assert sum(e is None for e in errors) == 1
    assert Programme.objects.get(pk=programme.pk).version == opened_at + 1


@pytest.mark.parametrize("round_", range(3))
def test_an_edit_racing_the_signing_never_changes_the_signed_text(bodies, round_):
    """Either the edit lands before the signing (and is signed) or it is refused."""
    programme = draft(list(bodies), number=10 + round_)
    clause = programme.clauses.get(number=1)

    def edit():
        mine = Clause.objects.get(pk=clause.pk)
        if round_ == 0:
            time.sleep(0.05)  # the signing first, this time
        return clause_update(clause=mine, **clause_arguments(mine, "Sửa vào phút chót"))

    def sign():
        mine = Programme.objects.get(pk=programme.pk)
        return programmes_sign(**signing_of(mine))

    def add():
        return clause_create(
            programme=Programme.objects.get(pk=programme.pk),
            text="Thêm vào phút chót",
            lead_body=bodies[0],
        )

    with slowly(clause_services, "_replace_indicators", pause=0.2):
        _results, errors = race(edit, sign, add)
    assert errors[1] is None  # the signing itself always goes through
    with translation.override(settings.LANGUAGE_CODE):  # the language a new thread speaks
        frozen = gettext(
            "This programme has been signed: its text is frozen. "
            "Changes can only be made as an amendment."
        )
    for error in (errors[0], errors[2]):
        assert error is None or error.messages == [frozen], error
    signed = Programme.objects.get(pk=programme.pk)
    assert signed.status == Programme.Status.SIGNED
    assert signed.fingerprint == programme_fingerprint(signed)


def test_two_clauses_added_at_once_get_the_next_two_numbers(bodies):
    programme = draft(list(bodies), clauses=1)

    def add(text):
        return clause_create(
            programme=Programme.objects.get(pk=programme.pk), text=text, lead_body=bodies[0]
        )

    with slowly(clause_services, "_save_indicators"):
        _results, errors = race(lambda: add("Thứ hai"), lambda: add("Thứ ba"))
    assert errors == [None, None]
    numbers = sorted(programme.clauses.values_list("number", flat=True))
    assert numbers == [1, 2, 3]


def test_two_moves_at_once_neither_deadlock_nor_lose_a_clause(bodies):
    programme = draft(list(bodies), clauses=3)
    first, second = (programme.clauses.get(number=n) for n in (1, 2))
    _results, errors = race(
        lambda: clause_move(clause=Clause.objects.get(pk=first.pk), offset=1),
        lambda: clause_move(clause=Clause.objects.get(pk=second.pk), offset=1),
    )
    assert errors == [None, None]
    numbers = sorted(programme.clauses.values_list("number", flat=True))
    assert numbers == [1, 2, 3]


def test_two_drafts_given_one_number_at_once_make_one_and_refuse_the_other(bodies):
    def create(title):
        return programme_create(
            number=77,
            symbol="CTrPH/BTGHU-UBND",
            year=2024,
            issuer=bodies[0],
            title=title,
            parties=list(bodies),
            lead=bodies[0],
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
        )

    with slowly(draft_services, "_check_reference_free"):
        _results, errors = race(lambda: create("Bản một"), lambda: create("Bản hai"))
    refused = [e for e in errors if e is not None]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError)
    assert "symbol" in refused[0].message_dict
    assert Programme.objects.filter(number=77).count() == 1


def test_two_edit_pages_at_once_answer_no_server_error(bodies, client):
    """Through the pages: the second save of a clause is a form with the differences."""
    from django.test import Client
    from django.urls import reverse

    from tests.factories import user_in

    programme = draft(list(bodies))
    clause = programme.clauses.get(number=1)
    url = reverse("agreements:clause_edit", args=[clause.pk])
    clients = []
    for _ in range(2):
        browser = Client()
        browser.force_login(user_in(bodies[0]))
        clients.append(browser)
    base = {
        "lead_body": clause.lead_body_id,
        "cadence": clause.cadence,
        "due_date": clause.due_date.strftime("%d/%m/%Y"),
        "version": clause.version,
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
    }
    with slowly(clause_services, "_replace_indicators"):
        results, errors = race(
            lambda: clients[0].post(url, {**base, "text": "Của người thứ nhất"}),
            lambda: clients[1].post(url, {**base, "text": "Của người thứ hai"}),
        )
    assert errors == [None, None]
    assert sorted(r.status_code for r in results) == [200, 302]
    refused = next(r for r in results if r.status_code == 200)
    assert 'data-testid="edit-conflict"' in refused.content.decode()
