"""Nothing to administer: reports keep no rows (figures live in yalu.statistics, frozen ones in its snapshots)."""
