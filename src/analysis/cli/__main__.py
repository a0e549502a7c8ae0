"""``python -m analysis.cli``: the ``briefs`` command."""

import sys

from analysis.cli import main

sys.exit(main())
