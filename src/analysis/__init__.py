"""Chinese government work reports → source-grounded indicator tables → rendered briefs.

Pipeline: :mod:`analysis.extract.load` (bytes → text) → :mod:`analysis.extract.normalise` →
:mod:`analysis.extract.structure` (metadata, sections, sentences) → :mod:`analysis.extract.figures` →
:mod:`analysis.extract.indicators` (the indicator table, see :mod:`analysis.schema`) →
:mod:`analysis.targets` → notebooks rendered by :mod:`analysis.run.batch`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("analysis")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
