"""Reports: report definitions (the March 1962 report), SVG charts, published exports (CSV, XLSX, PDF in
zh-Hans, ko, en) with small-cell suppression, the report page, its API, and freezing it in a snapshot.

The numbers come from `yalu.statistics` (`figures.py` is the only place that asks for them); this app
only presents them. Its one model, `Report`, is unmanaged: it carries the `reports.view_report` permission.
"""
