# The README's two commands are `make site` and `make test`; every target sets up .venv itself.
# The interpreter .venv is made from: the distribution's Python 3 when it is 3.11 or later and
# can make a venv (Debian's is built with profile-guided optimisation and LTO: make quick took
# 0.91x the time on it than on pyenv's plain source build, paired runs), else
# python3 on PATH. `make PYTHON=...` chooses; an existing .venv is kept (`make clean` drops it).
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
  "$$p" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
  && { echo "$$p"; exit 0; }; done; echo python3)
VENV := .venv
# Material 9.7 prints a notice about MkDocs 2 on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site zensical-site serve test quick lint fmt bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/litcat validate
	$(BIN)/mkdocs build --strict

# The same site built by Zensical (docs/engines.md), into build/zensical/site.
zensical-site: $(STAMP)
	$(BIN)/litcat validate
	$(BIN)/litcat render --engine zensical --out build/zensical
	cd build/zensical && ../../$(BIN)/zensical build --strict

# --dirty: after a saved record, only the pages it changes are built again (a change to
# mkdocs.yml or docs/ pages may need a restart to reach every page).
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty

test: lint
	$(BIN)/python -m pytest

# While working: every test but the browser ones, on every core (make test runs them all).
# The slow tests first (tests/conftest.py) and work stealing, so that both workers end together
# (and the wheel's tests, side by side, build it once); the tests' files on tmpfs where there is
# one (records are written with an fsync).
# Compiled modules are kept (__pycache__/, ignored by git) even where PYTHONDONTWRITEBYTECODE is
# set: without them each worker and each child process compiles litcat and the tests again.
quick: export PYTHONDONTWRITEBYTECODE =
quick: $(STAMP)
	tmp=$$(mktemp -d /dev/shm/litcat-quick.XXXXXX 2>/dev/null) || tmp=; \
	$(BIN)/python -m pytest -q -m "not browser" -n auto --dist worksteal $${tmp:+--basetemp=$$tmp}; \
	status=$$?; if [ -n "$$tmp" ]; then rm -rf "$$tmp"; fi; exit $$status

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/litcat fmt

bench: $(STAMP)
	@test -x /usr/bin/time || { echo "make bench measures with GNU time: apt-get install -y time"; exit 1; }
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
