"""The review queue: pending pairs side by side with the reasons, only where both records are in scope."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from yalu.linkage.models import LinkCandidate


def _run(duplicates) -> tuple[LinkCandidate, LinkCandidate]:
    call_command("link", "--dedupe", stdout=StringIO())
    park = LinkCandidate.objects.get(left=duplicates.personas.longjing_person)
    kim = LinkCandidate.objects.get(left=duplicates.personas.yanji_person)
    return park, kim


def test_queue_shows_both_records_side_by_side_with_reasons(duplicates) -> None:
    park, kim = _run(duplicates)
    # when the prefecture's officer opens the queue
    page = duplicates.personas.client(duplicates.officer).get("/linkage/").content.decode()
    # then both pairs are there, each record's names in every script, and why the model proposes them
    assert 'data-count="2"' in page
    assert f'data-candidate="{park.pk}"' in page and f'data-candidate="{kim.pk}"' in page
    for name in ("朴成哲", "박성철", "Pak Sŏng-ch&#x27;ŏl", "金英淑", "김영숙"):
        assert name in page
    assert "same Hangul reading of the name" in page and "same year of birth" in page
    assert 'href="/linkage/"' in page, "the navigation links to the queue"


def test_queue_hides_pairs_outside_the_jurisdiction(duplicates) -> None:
    park, kim = _run(duplicates)
    # a Longjing officer sees the Longjing pair only; the Yanji pair answers not found
    client = duplicates.personas.client(duplicates.personas.clerk_longjing)
    page = client.get("/linkage/").content.decode()
    assert 'data-count="1"' in page and f'data-candidate="{park.pk}"' in page
    assert client.get(f"/linkage/candidates/{kim.pk}/").status_code == 404
    assert client.get(f"/linkage/candidates/{park.pk}/").status_code == 200


def test_queue_needs_the_permission(duplicates) -> None:
    _run(duplicates)
    assert duplicates.personas.client(duplicates.personas.auditor).get("/linkage/").status_code == 403


def test_run_page_shows_progress_and_polls_while_running(duplicates) -> None:
    call_command("link", "--dedupe", stdout=StringIO())
    run = LinkCandidate.objects.get(left=duplicates.personas.longjing_person).run
    client = duplicates.personas.client(duplicates.personas.analyst_jilin)
    page = client.get(f"/linkage/runs/{run.pk}/").content.decode()
    assert '<progress max="100" value="100">' in page and 'data-status="succeeded"' in page
    assert "hx-trigger" not in page, "a finished run is not polled"
    partial = client.get(f"/linkage/runs/{run.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<section class="card" id="run-progress"')
    assert client.get("/linkage/runs/").status_code == 200
