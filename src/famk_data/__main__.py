"""``python -m famk_data``: the same as the ``famk-data`` command."""

import sys

from ._cli import main

sys.exit(main())
