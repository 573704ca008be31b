"""Pure functions over diary days: baseline, flares, links, PEG, summaries.

One implementation, over columns (`app.domain.columns.DayColumns`, read in SQL
by the service): the entry point is `app.analysis.insights.insights_from_columns`.
Callers holding `DayEntry` objects use the adapters (`insights(days)`, ...), which
build the columns with `app.analysis.entry_columns` and call the same functions.
This package imports nothing itself, so charts can use the flare functions
without loading scipy.
"""
