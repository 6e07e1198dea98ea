"""The Qt user interface: every PySide6 import lives here."""
