"""What the notebooks show: the year brief, trends, charts, narrative, keywords, and the
rendering to HTML and PDF."""
