# Two commands for a fresh clone: `make demo` (the main job on the bundled demo sites)
# and `make test` (the whole suite). Both install into .venv first when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test bench clean-output

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/nianbao demo

# Both cores: test files are spread over one worker per core (a file's tests stay together).
test: install
	$(BIN)/pytest -q -n auto --dist loadfile

clean-output:
	rm -f output/*.db output/*.db-wal output/*.db-shm
