"""A movements file as a sender's spreadsheet saves it: odd header case and spaces, CRLF, BOM, quoted cells,
empty trailing columns, every name column. Imported once, then again: every row unchanged."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from yalu.exchange.models import SenderPersonRef
from yalu.ledger.models import MovementEvent
from yalu.people.models import Person, PersonName

FILE = (
    "\ufeffRef, Event ,OCCURRED_ON,Area,Sector,Unit,Related_Ref,Group_Ref,Note,Person_Ref,Family_Name,Given_Name,"
    "Full_Name,Name_Hangul,Name_Hanzi,Name_Latin,Sex,Birth_Date,Nationality,Home_Area,,\r\n"
    'YB-61-0001,crossing_detected,1961-07-14,222405,T-222405,"Longjing border post, 3rd squad",,G-7,'
    '"seen at night, ""by the ford""",'
    "YB-P-17,朴,成哲,,박성철,,Pak Song Chol,M,1931-05,CN,222405,,\r\n"
    "YB-61-0002,crossing_detected,1961-07,222405,,,,G-7,,YB-P-18,,,김영숙,,,,f,1935,cn,,,\r\n"
    "YB-61-0003,persuaded_to_return,1961-07-20,T-222405,,,YB-61-0001,,,YB-P-17,,,,,,,M,1931-05,CN,,,\r\n"
    "YB-61-0004,died,1961,222406,T-222406,,,,,,,,Ri Kwang Su,,,,U,,,,,\r\n"
)


def run(path) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("import", "movements", str(path), "--sender", "yanbian-psb", stdout=out, stderr=StringIO())
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    except Exception as error:
        return 1, out.getvalue() + str(error)
    return 0, out.getvalue()


def test_a_file_no_one_has_seen_is_imported_and_then_unchanged(db, tmp_path) -> None:
    path = tmp_path / "yanbian-1961-07.csv"
    path.write_bytes(FILE.encode("utf-8"))
    code, out = run(path)
    assert code == 0, out
    assert "created: 4" in out and "total: 4" in out
    crossing = MovementEvent.objects.get(source_ref="YB-61-0001")
    outcome = MovementEvent.objects.get(source_ref="YB-61-0003")
    assert outcome.related_event_id == crossing.pk and outcome.person_id == crossing.person_id
    assert crossing.unit == "Longjing border post, 3rd squad" and crossing.note == 'seen at night, "by the ford"'
    pak = Person.objects.get(pk=crossing.person_id)
    assert (pak.birth_year, pak.birth_month, pak.home_area.code) == (1931, 5, "222405")
    assert set(PersonName.objects.filter(person=pak).values_list("system", flat=True)) == {
        "hanzi",
        "hangul",
        "other-latin",
    }
    assert MovementEvent.objects.get(source_ref="YB-61-0002").occurred_precision == "month"
    assert SenderPersonRef.objects.count() == 2
    code, out = run(path)
    assert code == 0 and "unchanged: 4" in out and "created: 0" in out
    assert MovementEvent.objects.count() == 4 and Person.objects.count() == 3
