# Daily Drill: the two commands a fresh machine needs are `make play` and `make test`.
# `make dist` builds the wheel and sdist into dist/; `make bundle` (optional) builds a
# PyInstaller one-folder app into dist/daily-drill/ (pyinstaller and pillow, for the
# icon, are installed into .venv on first use).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# one stamp per install step: `make play` then `make test` installs the game once and
# adds only the test extra; each is redone when pyproject.toml changes
PLAY_STAMP  := $(VENV)/.installed-play
TEST_STAMP  := $(VENV)/.installed-test
BUILD_STAMP := $(VENV)/.installed-build
BUNDLE_STAMP := $(VENV)/.installed-pyinstaller

.PHONY: play test bench dist bundle clean

play: $(PLAY_STAMP)
	$(BIN)/python -m game $(ARGS)

test: $(TEST_STAMP)
	SDL_VIDEODRIVER=$${SDL_VIDEODRIVER:-dummy} SDL_AUDIODRIVER=$${SDL_AUDIODRIVER:-dummy} \
		$(BIN)/python -m pytest -q $(ARGS)

bench: $(PLAY_STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/run.py $(ARGS)
	$(BIN)/python benchmarks/bench_hint.py

dist: $(BUILD_STAMP)
	rm -rf dist/daily_drill-* dist/daily-drill-*.tar.gz
	$(BIN)/python -m build --outdir dist .

bundle: $(PLAY_STAMP) $(BUNDLE_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
		packaging/daily-drill.spec

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(PLAY_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TEST_STAMP): $(PLAY_STAMP)
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

$(BUILD_STAMP): $(BIN)/python
	$(BIN)/python -m pip install -q build
	touch $@

$(BUNDLE_STAMP): $(BIN)/python
	$(BIN)/python -m pip install -q pyinstaller pillow
	touch $@

clean:
	rm -rf $(VENV)
