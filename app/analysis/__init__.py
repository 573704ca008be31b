"""Pure functions over diary days: baseline, flares, links, PEG, summaries.

The entry point is `app.analysis.insights.insights(days, start, end)`. This
package imports nothing itself, so charts can use the flare functions without
loading scipy.
"""
