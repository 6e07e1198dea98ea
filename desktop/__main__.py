"""``python -m desktop`` is the ``forumdesk`` command."""

import sys

from desktop.cli import main

sys.exit(main())
