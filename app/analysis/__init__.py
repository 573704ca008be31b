"""Pure functions over diary days: baseline, flares, links, PEG, summaries.

The entry point is `app.analysis.insights.insights(days, start, end)`; it is
also reachable as `app.analysis.insights` attribute access on this package
without importing scipy until it is used.
"""
