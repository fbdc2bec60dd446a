"""A QgsTask that runs a function on plain values and hands its result to the main thread.

``PlainTask(description, work, on_done, on_error)``: ``run()`` (worker thread) calls
``work(progress, cancel)`` and keeps its result; ``finished()`` (main thread) calls
``on_done(result)``, or ``on_error(message, cancelled)`` with a message a user can read —
the core's explained errors as they are, anything else as a short note (the traceback goes
to QGIS's log, never to the user). The task never touches a layer or a widget in ``run``.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsTask
from qgis.PyQt.QtCore import QCoreApplication

from ...core.errors import Cancelled, MpsError

LOG_TAG = "MPS Planner"
Work = Callable[[Callable[[float], None], Callable[[], bool]], Any]


class PlainTask(QgsTask):
    def __init__(
        self,
        description: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[str, bool], None],
        can_cancel: bool = True,
    ):
        flags = QgsTask.CanCancel if can_cancel else QgsTask.Flags()
        super().__init__(description, flags)
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self.result: Any = None
        self.error: str | None = None
        self.cancelled = False

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("PlainTask", text)

    def run(self) -> bool:
        try:
            self.result = self._work(self.setProgress, self.isCanceled)
        except Cancelled as exc:
            self.cancelled = True
            self.error = str(exc)
            return False
        except MpsError as exc:
            self.error = str(exc)
            return False
        except MemoryError:
            self.error = "memory"
            return False
        except Exception:  # never a traceback to the user: log it, say it briefly
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.Critical)
            self.error = "internal"
            return False
        if self.isCanceled():
            self.cancelled = True
        return True

    def finished(self, result: bool) -> None:
        _RUNNING.discard(self)
        if result:
            try:
                self._on_done(self.result)
                return
            except MpsError as exc:
                self.error = str(exc)
            except Exception:  # showing the result failed: log it, say it briefly
                QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.Critical)
                self.error = "internal"
        try:
            self._on_error(self.message(), self.cancelled)
        except RuntimeError:  # the panel was closed meanwhile (its Qt objects are gone)
            QgsMessageLog.logMessage(traceback.format_exc(), LOG_TAG, Qgis.Info)

    def message(self) -> str:
        """What went wrong, for the message bar."""
        if self.error == "memory":
            return self.tr(
                "Not enough memory for this analysis. Use a coarser cell size or clip the "
                "inputs to the study area."
            )
        if self.error == "internal":
            return self.tr(
                "Something went wrong inside MPS Planner; the details are in the log "
                "(View ▸ Panels ▸ Log Messages, tab MPS Planner)."
            )
        if self.error is None:
            self.cancelled = True
            return self.tr("Cancelled.")
        return self.error


# Tasks are kept alive here from start() until finished(), whatever their owner does meanwhile.
_RUNNING: set = set()


def start(task: QgsTask) -> int:
    """Queue a task with QGIS's task manager."""
    _RUNNING.add(task)
    return QgsApplication.taskManager().addTask(task)
