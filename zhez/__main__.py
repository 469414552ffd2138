"""``python -m zhez …``: see ``zhez.cli``."""

from zhez.cli import main

raise SystemExit(main())
