"""English and Simplified Chinese: the zh_CN translation is complete, compiles, loads and
translates the panel, the map tools and the Processing algorithms."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from mps_planner.definitions import PLUGIN_DIR

TS = PLUGIN_DIR / "i18n" / "mps_planner_zh_CN.ts"
QM = PLUGIN_DIR / "i18n" / "mps_planner_zh_CN.qm"
CJK = re.compile(r"[\u4e00-\u9fff]")


def messages():
    root = ET.parse(TS).getroot()
    for context in root.iter("context"):
        name = context.find("name").text
        for message in context.iter("message"):
            yield name, message.find("source").text, message.find("translation")


def tr_calls():
    """(context, text, where) of every tr()/translate() call with a literal string."""
    for path in sorted(PLUGIN_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for child in ast.walk(node):
                    classes.setdefault(id(child), node.name)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "attr", getattr(func, "id", None))
            args = node.args
            where = f"{path.relative_to(PLUGIN_DIR)}:{node.lineno}"
            if name == "tr" and args and isinstance(args[0], ast.Constant):
                yield classes.get(id(node)), args[0].value, where
            elif (
                name == "translate"
                and len(args) >= 2
                and all(isinstance(a, ast.Constant) for a in args[:2])
            ):
                yield args[0].value, args[1].value, where


def test_every_message_is_translated_into_chinese_with_its_placeholders():
    found = list(messages())
    assert len(found) > 300
    problems = []
    for context, source, translation in found:
        text = translation.text or ""
        if translation.get("type") in ("unfinished", "obsolete") or not text.strip():
            problems.append(f"{context}: {source[:50]!r} is not translated")
            continue
        if sorted(re.findall(r"\{[^}]*\}", source)) != sorted(re.findall(r"\{[^}]*\}", text)):
            problems.append(f"{context}: {source[:50]!r} has other placeholders")
        if CJK.search(source + text) is None and len(source) > 3 and source != text:
            problems.append(f"{context}: {source[:50]!r} → {text[:30]!r} is not Chinese")
    assert problems == []


def test_every_string_of_the_package_is_in_the_ts_file_under_its_class():
    known = {(c, s) for c, s, _ in messages()}
    missing = []
    for context, text, where in tr_calls():
        if context is None:
            missing.append(f"{where}: tr() outside a class (no context): {text[:40]!r}")
        elif (context, text) not in known:
            missing.append(f"{where}: [{context}] {text[:50]!r}")
    assert missing == [], (
        "Strings missing from the translation: run `make update-ts` and translate them in "
        "mps_planner/i18n/mps_planner_zh_CN.ts (Qt Linguist)."
    )


def test_each_class_translates_with_its_own_name_as_context():
    """pylupdate5 files self.tr() strings under the class name; the runtime must look there."""
    wrong = []
    for path in sorted(PLUGIN_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and fn.name == "tr":
                    for call in ast.walk(fn):
                        if (
                            isinstance(call, ast.Call)
                            and getattr(call.func, "attr", "") == "translate"
                            and isinstance(call.args[0], ast.Constant)
                            and call.args[0].value != cls.name
                        ):
                            wrong.append(f"{path.name}: {cls.name} uses {call.args[0].value!r}")
    assert wrong == []


@pytest.fixture
def chinese(tmp_path):
    lrelease = shutil.which("lrelease")
    assert lrelease, "lrelease is missing: install qttools5-dev-tools (make deps)"
    qm = tmp_path / "zh_CN.qm"
    done = subprocess.run(
        [lrelease, str(TS), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_the_chinese_translation_translates_the_panel(chinese, planner):
    from mps_planner.gui.controller import PlannerController
    from mps_planner.gui.docks.planner_dock import PlannerDock

    controller, _ = planner
    dock = PlannerDock(controller, controller.iface.mapCanvas())
    try:
        assert dock.windowTitle() == "流动公共服务规划"
        assert [dock.tabs.tabText(i) for i in range(3)] == ["输入", "覆盖", "方案"]
        assert dock.tools.actions["add_stop"].text() == "添加服务点"
        assert "Ctrl+Alt+S" in dock.tools.actions["add_stop"].toolTip()
        assert dock.standard.preset.currentText() == "卫生院 / 流动医疗"
        assert isinstance(controller, PlannerController)
    finally:
        dock.release()
        dock.deleteLater()


def test_the_chinese_translation_translates_the_algorithms(chinese):
    from mps_planner.processing.provider import algorithm_classes

    names = {cls.__name__: cls() for cls in algorithm_classes()}
    assert names["CoverageAlgorithm"].displayName() == "覆盖与缺口"
    for alg in names.values():
        assert CJK.search(alg.displayName()), alg.name()
        assert CJK.search(alg.shortHelpString()), alg.name()


def test_every_parameter_and_output_of_every_algorithm_is_translated(chinese):
    """Strings of a shared base class (``MobileAlgorithm``, ``MpsAlgorithm``) are filed under
    that class by pylupdate5; the algorithms' tr() must find them there."""
    from mps_planner.processing.provider import algorithm_classes

    english = []
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm()
        texts = [alg.group()]
        texts += [p.description() for p in alg.parameterDefinitions()]
        texts += [o.description() for o in alg.outputDefinitions()]
        english += [f"{alg.name()}: {t!r}" for t in texts if t and not CJK.search(t)]
    assert english == []
    mobile = {cls.__name__: cls() for cls in algorithm_classes()}["PlanRoutesAlgorithm"]
    assert mobile.tr("Roads (lines)") == "道路（线）"  # a string of MobileAlgorithm


def test_the_plugin_finds_the_built_translation_and_the_package_ships_it(tmp_path):
    from mps_planner.plugin import load_translator
    from scripts.package import build

    assert QM.exists(), "the .qm is not built: run `make translations` (make test does)"
    assert load_translator("zh_CN") is not None
    with zipfile.ZipFile(build(tmp_path)) as archive:
        assert "mps_planner/i18n/mps_planner_zh_CN.qm" in archive.namelist()
        assert not [n for n in archive.namelist() if n.endswith(".ts")]
