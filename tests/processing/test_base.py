"""The base algorithm turns every failure into a clear Processing error, never a traceback."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

from mps_planner.core.errors import Cancelled, InputError
from mps_planner.processing.algorithms.base import MpsAlgorithm


class Failing(MpsAlgorithm):
    error: Exception = ValueError("boom")

    def name(self):
        return "failing"

    def displayName(self):
        return "Failing tool"

    def initAlgorithm(self, config=None):
        pass

    def run(self, parameters, context, feedback):
        raise type(self).error


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (ValueError("boom"), "Failing tool stopped on an unexpected error: boom"),
        (InputError("The site layer is empty."), "^The site layer is empty.$"),
        (Cancelled("stop"), "Cancelled: no output was written."),
        (MemoryError(), "Not enough memory"),
    ],
)
def test_errors_become_clear_messages(qgis_app, error, message):
    Failing.error = error
    alg = Failing()
    with pytest.raises(QgsProcessingException, match=message) as info:
        alg.processAlgorithm({}, QgsProcessingContext(), QgsProcessingFeedback())
    assert "Traceback" not in str(info.value)
