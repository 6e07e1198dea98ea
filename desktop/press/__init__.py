"""The release composer: house-style prose from records (no Qt)."""
