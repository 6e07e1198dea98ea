"""Shipped resources: templates, stylesheets, icons and demo data."""
