"""Nothing to administer: reports keep no records (figures live in yalu.statistics, frozen ones in its snapshots;
`KeptReport` is a cache that `keeping.py` fills and empties)."""
