# Two entry points for a fresh Debian machine with Python 3.11 (see README):
#   make serve   set up and start the dashboard on the embedded data
#   make test    set up and run the whole test suite (lint, unit, in-process, browser)
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
# settings (HOST, PORT, DASHBOARD_*) are read by components/settings.py; `make serve PORT=9000` passes them on
export HOST PORT DASHBOARD_WORKERS DASHBOARD_DATA_DIR DASHBOARD_DEBUG DASHBOARD_FRAME_ANCESTORS
export DASHBOARD_EXPORT_TIMEOUT DASHBOARD_RESPONSE_CACHE DASHBOARD_MCP BROWSER_PATH

.PHONY: serve test setup browser axe plotly lint check-data locale messages lock

# Create the virtual environment and install the exact versions of requirements-lock.txt (the
# app's and the dev tools' dependencies, pinned), then the project itself without resolving again.
$(BIN)/.installed: pyproject.toml requirements-lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements-lock.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# Pin the dependencies again after a change to pyproject.toml (keeps the other pins; add
# --upgrade-package NAME to take a newer release of one, --upgrade for all):
# pip-tools resolves pyproject.toml with its dev extra into requirements-lock.txt.
lock: $(BIN)/.installed
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
		-o requirements-lock.txt pyproject.toml

setup: $(BIN)/.installed locale

# The message catalogs: components/locale/<lang>/LC_MESSAGES/messages.po (under version control)
# compiled to .mo; `make messages` extracts the code's messages and merges them into each .po.
LOCALE := components/locale
locale: $(BIN)/.installed
	@$(BIN)/pybabel --quiet compile -d $(LOCALE) -D messages
messages: $(BIN)/.installed
	$(BIN)/pybabel --quiet extract -F babel.cfg -k _ -k n_:1,2 -k N_ --no-location --sort-output \
		--project=japan-nato-dashboard --msgid-bugs-address=none -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel --quiet update -i $(LOCALE)/messages.pot -d $(LOCALE) -D messages --no-fuzzy-matching

# Debian's Chromium (browser tests and server-side image export; Playwright never downloads
# its own) and Noto CJK so Japanese and other non-Latin labels render in exported images.
browser:
	@test -x /usr/bin/chromium -a -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || \
		{ apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk; }

# axe-core (npm) for the accessibility checks in the browser tests.
axe:
	@test -f .cache/node_modules/axe-core/axe.min.js || npm install --silent --no-save --prefix .cache axe-core@4

# A plotly.js with only the traces in plotly-bundle.js (1.5 MB instead of 4.8 MB), built from
# npm at the version the Python plotly package targets. Without it the app serves the full one.
PLOTLY_OUT := .cache/plotly/plotly-dashboard.min.js
plotly: $(PLOTLY_OUT)
$(PLOTLY_OUT): plotly-bundle.js $(BIN)/.installed
	@version=$$($(BIN)/python -c "from plotly.offline import get_plotlyjs_version as v; print(v())") && \
	npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix .cache/plotly-build \
		plotly.js@$$version esbuild@0.25 && \
	mkdir -p .cache/plotly && \
	NODE_PATH=.cache/plotly-build/node_modules .cache/plotly-build/node_modules/.bin/esbuild plotly-bundle.js \
		--bundle --minify --format=iife --global-name=Plotly --define:global=window \
		--define:define.amd=false --loader:.css=empty --target=es2016 --log-level=warning --outfile=$@.tmp && \
	printf '%s' "$$version" > .cache/plotly/VERSION && mv $@.tmp $@

# gunicorn with DASHBOARD_WORKERS workers, as in production (DASHBOARD_DEBUG=1: Flask's dev server)
serve: setup browser plotly
	$(BIN)/python app.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-data: setup
	$(BIN)/python app.py --check-data data

test: setup browser axe plotly lint
	$(BIN)/pytest -n 2 --dist loadscope
