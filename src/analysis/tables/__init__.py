"""Computing: the tables a brief, trends brief or comparison shows, and the targets table.

pandas in, pandas out, no HTML: :mod:`~analysis.tables.year` (one report),
:mod:`~analysis.tables.trends` (one region over the years), :mod:`~analysis.tables.compare`
(one year, many regions), :mod:`~analysis.tables.targets` (targets against actuals),
:mod:`~analysis.tables.census` (the numbers a report states that the table did not take) and
:mod:`~analysis.tables.keywords` (word counts). Presentation is :mod:`analysis.briefs`.
"""
