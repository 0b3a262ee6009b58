"""Crime-analysis methods: pure Python (numpy, scipy, statsmodels), no Django.

Inputs are arrays (metres on a projected grid, days as numbers); outputs are frozen
dataclasses deriving from :class:`beatbook.analysis.results.Result`.
"""
