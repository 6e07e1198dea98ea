"""Import and export of Forum Desk data (no Qt)."""
