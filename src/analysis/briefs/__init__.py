"""What the notebooks show: the year brief, trends, charts, narrative, keywords, and the
rendering to HTML and PDF."""

from analysis.briefs.fast_imports import import_jsonschema

import_jsonschema()  # before nbformat or Altair load it (see the module)
