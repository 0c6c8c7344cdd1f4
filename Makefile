# Two commands do all set-up on a fresh Debian machine: `make demo` and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup tools lint bench clean

demo: setup
	$(BIN)/align

# Branch coverage of align/ is printed and must stay at 90% or more (pyproject.toml).
test: setup
	$(BIN)/ruff check align tests bench
	$(BIN)/mypy --strict align tests
	$(BIN)/pytest -q --cov --cov-report=term

setup: tools $(VENV)/.installed

# ffmpeg cuts clips and decodes audio; espeak-ng gives pronunciations for words the aligner's
# dictionary lacks. Installed only when absent (apt needs root; without it the dependent tests skip).
tools:
	@if ! command -v ffmpeg >/dev/null || ! command -v espeak-ng >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq ffmpeg espeak-ng >/dev/null; \
	  else echo "note: ffmpeg or espeak-ng missing and cannot apt-get install them here"; fi; \
	fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

bench: setup
	$(BIN)/python bench/bench_captions.py

clean:
	rm -rf $(VENV) build *.egg-info
