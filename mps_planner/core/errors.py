"""Errors the core raises. Their messages are shown to the user as they are.

A message says what is wrong and what to do about it, in plain words, e.g.
"Site 'Bayan clinic' lies 3.2 km outside the population raster; move it inside or
use a larger raster." Processing algorithms turn these into QgsProcessingException,
the panel shows them in the message bar; neither shows a traceback.
"""

from __future__ import annotations


class MpsError(Exception):
    """Base class for every error the plugin expects and explains."""


class InputError(MpsError, ValueError):
    """The input cannot be used as it is (wrong units, empty, outside the grid, ...)."""


class TooLargeError(InputError):
    """The computation would need more memory than is sensible; say how much and what to do."""


class Cancelled(MpsError):
    """The user cancelled; nothing half-done may be presented as a result."""
