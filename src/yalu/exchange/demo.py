"""The demo's import: a file from the Yanbian bureau whose one bad row waits in the quarantine to be corrected."""

from __future__ import annotations

from yalu.core.models import Agency, User
from yalu.exchange.actions import receive_import
from yalu.exchange.importing import run_import
from yalu.exchange.models import ImportBatch, ImportMode

DEMO_FILENAME = "yanbian-psb-1961-07-movements.csv"
DEMO_FILE = (
    "ref,event,occurred_on,area,sector,related_ref,person_ref,family_name,given_name,name_hanzi,sex,birth_date,"
    "nationality,note\n"
    """YB61-07-001,crossing_detected,1961-07-03,222405,T-222405,,YBP-1001,최,동일,崔东日,M,1934,CN,at night
YB61-07-002,persuaded_to_return,1961-07-05,222405,T-222405,YB61-07-001,YBP-1001,최,동일,崔东日,M,1934,CN,
YB61-07-003,crossing_detected,1961-07-11,222406,T-222406,,YBP-1002,한,금순,韩今顺,F,1938-02,CN,with two children
YB61-07-004,crossing_detected,1961-07-11,222406,T-222406,,YBP-1003,한,명철,韩明哲,M,1959,CN,
YB61-07-005,reported_abroad,1961-07-30,222406,,YB61-07-003,YBP-1002,한,금순,韩今顺,F,1938-02,CN,seen in Musan
YB61-07-006,crossing_detected,1961-07-31,222404,T-222404,,YBP-1004,오,광수,吴光洙,M,1929,CN,
YB61-07-007,returned_voluntarily,1961-07-19,222404,T-222404,YB61-07-006,YBP-1004,오,광수,吴光洙,M,1929,CN,too early
"""
)


def load_demo_imports(*, acting_user: User) -> int:
    """Import the demo file once (partial mode); returns the rows written, 0 when it was loaded before."""
    if ImportBatch.objects.filter(filename=DEMO_FILENAME).exists():
        return 0
    batch = receive_import(
        acting_user=acting_user,
        kind="movements",
        sender=Agency.objects.get(code="yanbian-psb"),
        filename=DEMO_FILENAME,
        chunks=[DEMO_FILE.encode("utf-8")],
        mode=ImportMode.PARTIAL,
    )
    batch = run_import(batch=batch, acting_user=acting_user)
    return int(batch.summary.get("created", 0))
