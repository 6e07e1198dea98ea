"""Forum Desk's data layer: models, records, sessions, validation and migrations (no Qt)."""
