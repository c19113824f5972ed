# Two entry points for a fresh Debian machine with Python 3.11 (see README):
#   make serve   set up and start the dashboard on the embedded data
#   make test    set up and run the whole test suite (lint, unit, in-process, browser)
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050

.PHONY: serve test setup browser axe lint check-data

# Create the virtual environment and install the project with its dev tools.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

# Debian's Chromium (browser tests and server-side image export; Playwright never downloads
# its own) and Noto CJK so Japanese and other non-Latin labels render in exported images.
browser:
	@test -x /usr/bin/chromium -a -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || \
		{ apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk; }

# axe-core (npm) for the accessibility checks in the browser tests.
axe:
	@test -f .cache/node_modules/axe-core/axe.min.js || npm install --silent --no-save --prefix .cache axe-core@4

serve: setup browser
	HOST=$(HOST) PORT=$(PORT) $(BIN)/python app.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-data: setup
	$(BIN)/python app.py --check-data data

test: setup browser axe lint
	$(BIN)/pytest
