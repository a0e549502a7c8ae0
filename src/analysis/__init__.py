"""Chinese government work reports → source-grounded indicator tables → rendered briefs.

Pipeline: :mod:`analysis.load` (bytes → text) → :mod:`analysis.normalise` →
:mod:`analysis.report` (metadata, sections, sentences) → :mod:`analysis.numbers` →
:mod:`analysis.indicators` (the indicator table, see :mod:`analysis.schema`) →
:mod:`analysis.targets` → notebooks rendered by :mod:`analysis.batch`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("analysis")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
