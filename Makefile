# neurodyn — the commands. Every target sets up what it needs first (scripts/setup is idempotent).
SHELL := /bin/bash
GOBIN_DIR := $(shell go env GOBIN)
ifeq ($(GOBIN_DIR),)
GOBIN_DIR := $(shell go env GOPATH)/bin
endif
export PATH := $(GOBIN_DIR):$(PATH)
export JUPYTER_DATA_DIR ?= $(CURDIR)/.jupyter
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The whole suite, notebooks included, stays well under this.
TEST_TIMEOUT ?= 45m

.PHONY: setup test reproduce lab bench

setup:
	@scripts/setup

## test: unit, recovery, closed-form and gradient tests, parsers, and every notebook
test: setup
	go test -timeout $(TEST_TIMEOUT) ./...

## reproduce: execute every notebook into site/ (HTML + executed notebooks + index.html)
reproduce: setup
	go run ./scripts/reproduce -out site

## lab: Jupyter with the GoNB kernel on notebooks/
lab: setup
	@source scripts/lib.sh && J="$$(find_jupyter)" && cd notebooks && \
		exec "$$J" notebook --notebook-dir=. $$([ "$$(id -u)" = 0 ] && echo --allow-root)

## bench: run the Go benchmarks and print a table
bench:
	@scripts/bench
