"""Base class of every mps_planner Processing algorithm.

It knows nothing of its subclasses. It gives them translation, the provider's icon,
adapters from QgsProcessingFeedback to the core's ``progress``/``cancel`` callbacks,
and one place where the core's explained errors become QgsProcessingException.
"""

from __future__ import annotations

import traceback
from typing import Callable

from qgis.core import (
    Qgis,
    QgsMessageLog,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeedback,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ...core.errors import Cancelled, MpsError
from ...definitions import PLUGIN_NAME, resources_path

LOG_TAG = PLUGIN_NAME


class MpsAlgorithm(QgsProcessingAlgorithm):
    """Subclasses define ``name``, ``displayName``, ``group``/``groupId``, ``shortHelpString``,
    ``initAlgorithm`` and ``run(parameters, context, feedback)``, which returns the results.

    ``QgsProcessingAlgorithm.run(parameters, context, feedback, configuration, catchExceptions)``
    is what ``processing.run`` and the toolbox call; a subclass's ``run`` would hide it. So a
    subclass's ``run`` is moved aside (to ``_run_analysis``) when the class is created, and
    ``processAlgorithm`` calls it.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("run")
        if own is not None:
            cls._run_analysis = own
            delattr(cls, "run")

    def tr(self, text: str) -> str:
        """Translated with the name of the class that holds the string as context, the way
        ``pylupdate5`` files it: the algorithm's own class first, then the classes it
        derives from (a shared base such as ``MobileAlgorithm``, then this one)."""
        for cls in type(self).__mro__:
            translated = QCoreApplication.translate(cls.__name__, text)
            if translated != text:
                return translated
            if cls is MpsAlgorithm:
                break
        return text

    def createInstance(self):
        return type(self)()

    def icon(self) -> QIcon:
        return QIcon(str(resources_path("icons", "mps_planner.svg")))

    @staticmethod
    def progress_callback(feedback: QgsProcessingFeedback) -> Callable[[float], None]:
        return feedback.setProgress

    @staticmethod
    def cancel_callback(feedback: QgsProcessingFeedback) -> Callable[[], bool]:
        return feedback.isCanceled

    @staticmethod
    def raise_if_cancelled(feedback: QgsProcessingFeedback | None) -> None:
        """Call before writing outputs: the core checks the cancel callback only now and then,
        so a run cancelled near its end (or before a quick computation) must stop here, with
        nothing written, rather than finish as if it had not been cancelled."""
        if feedback is not None and feedback.isCanceled():
            raise Cancelled("cancelled before the outputs were written")

    def processAlgorithm(self, parameters, context, feedback):
        try:
            return self._run_analysis(parameters, context, feedback)
        except Cancelled as exc:
            raise QgsProcessingException(self.tr("Cancelled: no output was written.")) from exc
        except MpsError as exc:
            raise QgsProcessingException(str(exc)) from exc
        except MemoryError as exc:
            raise QgsProcessingException(
                self.tr(
                    "Not enough memory for this analysis. Use a coarser cell size or clip "
                    "the input to the study area, then run it again."
                )
            ) from exc
        except QgsProcessingException:
            raise
        except Exception as exc:  # a bug of ours: a clear message, the details in the log
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.Critical)
            raise QgsProcessingException(
                self.tr(
                    "{name} stopped on an unexpected error: {error}. No output was written. "
                    "The details are in the log (View ▸ Panels ▸ Log Messages, tab "
                    "'{tag}'); please report them."
                ).format(name=self.displayName(), error=exc, tag=LOG_TAG)
            ) from exc

    def _run_analysis(self, parameters, context, feedback) -> dict:
        raise NotImplementedError(f"{type(self).__name__} defines no run()")
