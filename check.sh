#!/usr/bin/env bash
# check.sh runs every check luoxia has, on a fresh clone, from the repository root:
#
#   ./check.sh
#
# Run as root on Debian, it first installs what the checks need (a C BLAS for
# the optional OpenBLAS backend, Jupyter's headless notebook executor,
# Chromium, CJK fonts and Node for the book). It builds the Jupyter kernel and
# executes every notebook, builds the HTML book with the executed notebooks in
# it (out/book) and opens every page in headless Chromium. Set CHECK_FUZZ=0 to
# skip the short fuzzing runs. It stops at the first failing step and names it.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

step() { printf '\n== %s\n' "$*"; }
fail() { printf '\ncheck.sh: FAILED: %s\n' "$*" >&2; exit 1; }

step "tools"
go version || fail "no go command on PATH: install Go 1.26 or newer"
# A C BLAS for the optional OpenBLAS backend, Jupyter's headless
# executor for the notebooks, and the King James and Reina-Valera 1909
# Bibles with the tool that exports them verse by verse (the Transformer
# chapter's real parallel corpus) — Debian's packages; no pip needed.
# The book's HTML is tested in Debian's Chromium, with Noto CJK for the
# Chinese text; Node runs KaTeX and drives the browser (npm installs those).
packages="libopenblas-dev jupyter-nbconvert python3-nbclient jupyter-client sword-text-kjv sword-text-sparv libsword-utils chromium fonts-noto-cjk"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	command -v node >/dev/null && command -v npm >/dev/null || packages="$packages nodejs npm"
	missing=""
	for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
	if [ -n "$missing" ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
			fail "apt-get install$missing"
	fi
fi

step "gofmt"
unformatted=$(gofmt -l .)
[ -z "$unformatted" ] || fail "gofmt would change: $unformatted (run gofmt -w on them)"

step "go vet"
go vet ./... || fail "go vet ./..."

step "go test"
# A generous timeout: cmd/aigc trains many small models, and a busy
# machine can take it past go test's default of ten minutes.
go test -count=1 -timeout 40m ./... || fail "go test ./..."

step "aigc grade -verify (every stub scores 0, every solution full marks)"
go run ./cmd/aigc grade -verify || fail "aigc grade -verify"

# Trained afresh in a throwaway cache (-force: an empty cache would
# otherwise receive the shipped weights), it must reach 99% and be the
# shipped classifier, bit for bit (about 2 minutes on two cores).
step "aigc train classifier (the evaluation classifier must reach 99% on the test digits and reproduce the shipped weights)"
AIGC_CACHE_DIR="$(mktemp -d)" go run ./cmd/aigc train classifier -force -min-accuracy 0.99 -compare-shipped || fail "aigc train classifier"

step "aigc book check"
go run ./cmd/aigc book check || fail "aigc book check"

if command -v jupyter >/dev/null && jupyter nbconvert --version >/dev/null 2>&1; then
	# The kernel is registered in a throwaway Jupyter folder, so that the
	# check runs exactly this checkout's code and leaves the reader's own
	# Jupyter set-up alone.
	export JUPYTER_DATA_DIR="$(mktemp -d)/jupyter"
	step "aigc kernel (gophernotes with luoxia's packages compiled in)"
	go run ./cmd/aigc kernel -jupyter "$JUPYTER_DATA_DIR" || fail "aigc kernel"
	step "aigc notebooks (every notebook, headless)"
	executed="$(mktemp -d)/notebooks"
	go run ./cmd/aigc notebooks -out "$executed" || fail "aigc notebooks"
else
	executed=""
	step "skipping the notebooks: jupyter nbconvert is not installed (run as root to install it, or apt-get install jupyter-nbconvert python3-nbclient jupyter-client)"
fi

if command -v node >/dev/null && command -v npm >/dev/null; then
	step "the book's tools: npm ci in internal/book/web (mdBook, KaTeX, playwright-core)"
	(cd internal/book/web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || fail "npm ci in internal/book/web"
	step "aigc book build (the HTML book in out/book${executed:+, with the executed notebooks})"
	go run ./cmd/aigc book build -out out/book ${executed:+-notebooks "$executed"} || fail "aigc book build"
	if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
		step "the book in headless Chromium (every page: links, fragments, pictures, math, console)"
		AIGC_BOOK_TOOLS=1 go test -count=1 -run 'TestBuild|TestBrowser' ./internal/book || fail "the book's build and browser tests"
		node internal/book/web/browser-test.js out/book || fail "the book in Chromium (out/book)"
	else
		step "skipping the browser test: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (run as root to install it, or apt-get install chromium)"
	fi
else
	step "skipping the HTML book: node and npm are not installed (run as root to install them, or apt-get install nodejs npm)"
fi

if dpkg -s libopenblas-dev >/dev/null 2>&1; then
	step "go test -tags openblas (the OpenBLAS backend)"
	go vet -tags openblas ./lib/tensor || fail "go vet -tags openblas"
	go test -count=1 -tags openblas ./lib/tensor ./lib/autograd ./lib/nn || fail "go test -tags openblas"
else
	step "skipping the OpenBLAS backend: libopenblas-dev is not installed (run as root to install it)"
fi

if [ "${CHECK_FUZZ:-1}" != 0 ]; then
	# Minimising each new input for at most 200 runs keeps the fuzzer fuzzing:
	# the default (a minute per input) would spend most of the budget on it.
	# The budget is a count of inputs, not a duration: with -fuzztime 15s,
	# Go 1.26's fuzzing coordinator can report "context deadline exceeded"
	# when the time runs out while a worker is mid-input, failing a run that
	# found nothing (go.dev/issue/75804, fixed in Go 1.27). Each count takes
	# about 10 s on two cores.
	step "fuzzing the file readers (about 10 s each)"
	go test -run '^$' -fuzz '^FuzzReadIDX$' -fuzztime 100000x -fuzzminimizetime 200x ./lib/data || fail "fuzzing the IDX reader"
	go test -run '^$' -fuzz '^FuzzLoad$' -fuzztime 500000x -fuzzminimizetime 200x ./lib/nn || fail "fuzzing the parameter loader"
	# Each file written and read costs these three more than a pure
	# parser, hence the smaller counts.
	go test -run '^$' -fuzz '^FuzzReadImagesSized$' -fuzztime 10000x -fuzzminimizetime 200x ./lib/data || fail "fuzzing the PNG folder reader"
	go test -run '^$' -fuzz '^FuzzModelJSON$' -fuzztime 10000x -fuzzminimizetime 200x ./cmd/aigc || fail "fuzzing model.json"
	go test -run '^$' -fuzz '^FuzzEvalText$' -fuzztime 5000x -fuzzminimizetime 200x ./cmd/aigc || fail "fuzzing aigc eval text's readers"
fi

printf '\ncheck.sh: all checks passed\n'
