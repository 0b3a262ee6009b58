"""The framework's indicators, one module per source of data.

Importing this package imports every module in it, and so registers every indicator: a new
module needs no line here.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
