"""Reports: report definitions (the March 1962 report), SVG charts, published exports (CSV, XLSX, PDF in
zh-Hans, ko, en) with small-cell suppression, the report page, its API, and freezing it in a snapshot.

The numbers come from `yalu.statistics` (`figures.py` is the only place that asks for them); this app
only presents them. `Report` is unmanaged: it carries the `reports.view_report` permission. `KeptReport`
keeps a report's computed figures until the data change (`keeping.py`), so a second view or export of the
same area, period and report date reads them instead of computing again; snapshots never read it.
"""
