"""After `migrate` on an empty database the areas and agencies are there; demo records are not."""

from __future__ import annotations

from yalu.areas.models import Area
from yalu.core.models import Agency
from yalu.people.models import Person


def test_areas_of_the_border_region_are_loaded_by_migration(db) -> None:
    yanbian = Area.objects.get(code="222400")
    assert yanbian.parent is not None and yanbian.parent.code == "CN-JL"
    counties = set(Area.objects.filter(parent=yanbian).values_list("code", flat=True))
    assert counties == {"222401", "222402", "222403", "222404", "222405", "222406", "222424", "222426"}
    assert Area.objects.get(code="222405").name_ko == "룡정시"
    for code in [
        "CN-LN",
        "210624",
        "210681",
        "210682",
        "220582",
        "220681",
        "220623",
        "CN-HL",
        "KP-03",
        "KP-04",
        "KP-09",
        "KP-10",
        "KP-13",
    ]:
        assert Area.objects.filter(code=code).exists(), code


def test_each_sector_is_tied_to_a_county_and_the_province_facing_it(db) -> None:
    sectors = Area.objects.filter(kind="sector")
    assert sectors.count() >= 10
    for sector in sectors:
        assert sector.county is not None and sector.county.state == "CN"
        assert sector.facing is not None and sector.facing.state == "KP"
        assert sector.river in ("yalu", "tumen")
        assert sector.path.startswith(sector.county.path)
    facing = Area.objects.get(code="T-222405").facing
    assert facing is not None and facing.code == "KP-09"


def test_agencies_are_loaded_and_no_demo_records(db) -> None:
    codes = set(Agency.objects.values_list("code", flat=True))
    assert {
        "mfa",
        "mps",
        "seac",
        "state-council",
        "jilin-psd",
        "liaoning-psd",
        "heilongjiang-psd",
        "yanbian-psb",
        "dandong-psb",
        "yanbian-fao",
        "embassy-pyongyang",
        "kp-mfa",
        "kp-mps",
    } <= codes
    assert Agency.objects.get(code="kp-mps").state == "KP"
    assert Person.objects.count() == 0
