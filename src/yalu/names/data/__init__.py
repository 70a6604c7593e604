"""Tables the name matcher reads: surnames, reading corrections, simplified characters."""
