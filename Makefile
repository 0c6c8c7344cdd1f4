# Two commands do all set-up on a fresh Debian machine: `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-pythons setup tools lint bench clean

demo: setup
	$(BIN)/align

# Branch coverage of align/ is printed and must stay at 90% or more (pyproject.toml).
test: setup
	$(BIN)/ruff check align tests bench
	$(BIN)/mypy --strict align tests
	$(BIN)/pytest -q --cov --cov-report=term

AXE := $(VENV)/npm/node_modules/axe-core/axe.min.js

setup: tools $(VENV)/.installed $(AXE)

# ffmpeg cuts clips and decodes audio; espeak-ng gives pronunciations for words the aligner's
# dictionary lacks; chromium and chromium-driver run the preview page's browser test, and npm
# fetches axe-core for its accessibility check. Installed only when absent (apt needs root;
# without it the dependent tests skip).
tools:
	@need=""; \
	for pair in ffmpeg:ffmpeg espeak-ng:espeak-ng chromium:chromium chromedriver:chromium-driver npm:npm; do \
	  command -v $${pair%%:*} >/dev/null || need="$$need $${pair#*:}"; \
	done; \
	if [ -n "$$need" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq $$need >/dev/null; \
	  else echo "note:$$need missing and cannot apt-get install them here"; fi; \
	fi

# axe-core checks the preview page's accessibility in the browser test; it lives in the venv.
$(AXE): | $(VENV)/.installed
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/npm axe-core@4.14.1 \
	    || echo "note: npm could not install axe-core; the accessibility test will skip"; \
	else echo "note: npm missing; the accessibility test will skip"; fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

# The suite on every Python the project supports that this machine has (CI runs 3.11 alone).
test-pythons:
# A pyenv shim that answers for a version not selected is passed over for the interpreter itself.
	@for v in 3.11 3.12 3.13; do \
	  py=$$(command -v python$$v); \
	  { [ -n "$$py" ] && $$py -c '' 2>/dev/null; } || py=$$(ls -d $$HOME/.pyenv/versions/$$v.*/bin/python 2>/dev/null | tail -1); \
	  [ -n "$$py" ] || { echo "python$$v: not installed, skipped"; continue; }; \
	  echo "python$$v: $$py"; \
	  $$py -m venv .venv-$$v && .venv-$$v/bin/pip install -q -e '.[dev]' && \
	  .venv-$$v/bin/python -m pytest -q -p no:cacheprovider || exit 1; \
	done

bench: setup
	$(BIN)/python bench/bench_captions.py

clean:
	rm -rf $(VENV) .venv-3.* build *.egg-info
