# mps_planner — planning mobile public services in QGIS.
#
#   make demo    run the main job on the built-in sample region -> outputs/demo/
#   make test    lint + the whole test suite, headless, in a real QGIS
#
# Both install what is missing first (Debian/Ubuntu packages, then a venv with the
# pinned test tools) and install nothing when it is already there.

SHELL := /bin/sh
PLUGIN := mps_planner
SYS_PYTHON := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
VERSION = $(shell sed -n 's/^version=//p' $(PLUGIN)/metadata.txt)

# QGIS (Python bindings, providers, qgis_process), SciPy, GDAL, Qt translation
# tools, a virtual screen for screenshots, PDF rasteriser, CJK fonts for maps,
# scikit-image (test/bench reference only; never imported by the plugin).
OS_PACKAGES := qgis python3-qgis qgis-providers python3-numpy python3-scipy \
	python3-gdal python3-pyproj python3-venv python3-pip python3-skimage \
	qttools5-dev-tools pyqt5-dev-tools xvfb xauth poppler-utils fonts-noto-cjk

export QT_QPA_PLATFORM := offscreen
export PYTHONPATH := $(CURDIR):/usr/share/qgis/python/plugins
export QGIS_PLUGINPATH := $(CURDIR)

.PHONY: all deps os-deps venv test lint demo bench package deploy translations clean

all: test

os-deps:
	@scripts/install_os_deps.sh $(OS_PACKAGES)

$(VENV)/.installed: requirements-test.txt | os-deps
	@test -x $(PY) || $(SYS_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-test.txt
	@touch $@

venv: os-deps $(VENV)/.installed

deps: venv

lint: deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: deps translations
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

demo: deps translations
	$(PY) -m demo --out outputs/demo

# spopt (the site-selection peer) and its tree: only the benchmarks need them.
$(VENV)/.bench-installed: requirements-bench.txt | $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-bench.txt
	@touch $@

bench: deps $(VENV)/.bench-installed
	@for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

# Compiled translations (.qm) are build products, never committed.
TS_FILES := $(wildcard $(PLUGIN)/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

translations: os-deps $(QM_FILES)

$(PLUGIN)/i18n/%.qm: $(PLUGIN)/i18n/%.ts
	lrelease -silent $< -qm $@

update-ts: os-deps
	pylupdate5 -noobsolete $$(find $(PLUGIN) -name '*.py' -o -name '*.ui' | sort) -ts $(TS_FILES)

package: translations
	$(SYS_PYTHON) scripts/package.py --out dist

QGIS_PROFILE_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins

deploy: package
	mkdir -p $(QGIS_PROFILE_PLUGINS)
	rm -rf $(QGIS_PROFILE_PLUGINS)/$(PLUGIN)
	cd $(QGIS_PROFILE_PLUGINS) && $(SYS_PYTHON) -m zipfile -e $(CURDIR)/dist/$(PLUGIN)-$(VERSION).zip .
	@echo "Deployed to $(QGIS_PROFILE_PLUGINS)/$(PLUGIN); enable it in QGIS's Plugin Manager."

clean:
	rm -rf build dist outputs $(QM_FILES)
