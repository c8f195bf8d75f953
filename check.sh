#!/usr/bin/env bash
# check.sh runs every check luoxia has, on a fresh clone, from the repository root:
#
#   ./check.sh
#
# Run as root on Debian, it first installs what the checks need (a C BLAS for
# the optional OpenBLAS backend). Set CHECK_FUZZ=0 to skip the short fuzzing
# runs. It stops at the first failing step and names it.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

step() { printf '\n== %s\n' "$*"; }
fail() { printf '\ncheck.sh: FAILED: %s\n' "$*" >&2; exit 1; }

step "tools"
go version || fail "no go command on PATH: install Go 1.26 or newer"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	if ! dpkg -s libopenblas-dev >/dev/null 2>&1; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libopenblas-dev >/dev/null ||
			fail "apt-get install libopenblas-dev"
	fi
fi

step "gofmt"
unformatted=$(gofmt -l .)
[ -z "$unformatted" ] || fail "gofmt would change: $unformatted (run gofmt -w on them)"

step "go vet"
go vet ./... || fail "go vet ./..."

step "go test"
go test -count=1 ./... || fail "go test ./..."

step "aigc grade -verify (every stub scores 0, every solution full marks)"
go run ./cmd/aigc grade -verify || fail "aigc grade -verify"

step "aigc book check"
go run ./cmd/aigc book check || fail "aigc book check"

if dpkg -s libopenblas-dev >/dev/null 2>&1; then
	step "go test -tags openblas (the OpenBLAS backend)"
	go vet -tags openblas ./lib/tensor || fail "go vet -tags openblas"
	go test -count=1 -tags openblas ./lib/tensor ./lib/autograd ./lib/nn || fail "go test -tags openblas"
else
	step "skipping the OpenBLAS backend: libopenblas-dev is not installed (run as root to install it)"
fi

if [ "${CHECK_FUZZ:-1}" != 0 ]; then
	# Minimising each new input for at most 200 runs keeps the fuzzer fuzzing:
	# the default (a minute per input) would spend most of the 15 s on it.
	step "fuzzing the file readers (15 s each)"
	go test -run '^$' -fuzz '^FuzzReadIDX$' -fuzztime 15s -fuzzminimizetime 200x ./lib/data || fail "fuzzing the IDX reader"
	go test -run '^$' -fuzz '^FuzzLoad$' -fuzztime 15s -fuzzminimizetime 200x ./lib/nn || fail "fuzzing the parameter loader"
fi

printf '\ncheck.sh: all checks passed\n'
