# Heritage Line. `make test` is the one command that runs every test; CI calls it.
GO ?= go

.PHONY: test redis-server browser run load soak fuzz screenshots wrk

test: redis-server browser
	$(GO) vet ./...
	HL_REQUIRE_REDIS=1 HL_REQUIRE_BROWSER=1 $(GO) test -race -count=1 -timeout 8m ./...

# Tests that need Redis start a real redis-server on a loopback port; install it
# from Debian's packages when it is missing.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "installing redis-server with apt-get"; \
		SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

# The console's browser tests drive Debian's headless Chromium (chromedp) and
# check each page with axe-core: install both when missing. axe-core goes to
# .cache/axe (not committed); the tests find it there or through HL_AXE.
AXE := .cache/axe/node_modules/axe-core/axe.min.js
browser: $(AXE)
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing chromium with apt-get"; \
		SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
$(AXE):
	npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4 >/dev/null

# Screenshots of every console page for docs/console.md, taken by the browser
# test in a real Chromium.
screenshots: redis-server browser
	$(GO) test -count=1 -run TestConsoleInBrowser ./cmd/heritageline -screenshots

run:
	$(GO) run ./cmd/heritageline

# Load: wrk sends pre-signed webhooks (first texts from 20,000 residents,
# follow-ups, voice steps, the mix), each taking turns with /healthz on the
# same line, on a real redis-server and a 20,000-activity catalogue from catgen
# (docs/performance.md). Installs wrk with apt when it is missing.
LOAD_FLAGS ?= -conns 32 -duration 20s -numbers 17000
LOAD_CATALOGUE ?= .cache/load/catalogue-20000.csv
load: redis-server wrk $(LOAD_CATALOGUE)
	$(GO) run ./cmd/loadgen -check -catalogue $(LOAD_CATALOGUE) $(LOAD_FLAGS)
$(LOAD_CATALOGUE):
	mkdir -p $(dir $@)
	$(GO) run ./cmd/catgen -n 20000 -o $@

wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "installing wrk with apt-get"; \
		SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

# Soak: ten minutes at a steady rate, sampling the line's memory and goroutines.
SOAK_FLAGS ?= -conns 8 -rate 200 -duration 10m -sample 30s
soak: redis-server
	$(GO) run ./cmd/loadgen -client go -no-healthz -warmup 0 $(SOAK_FLAGS)

# Fuzz: every Fuzz* target for FUZZTIME each (docs/performance.md).
FUZZTIME ?= 10s
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

# Regenerate the README's call and SMS transcripts with the simulator against
# an in-process line (scripts/transcripts.sh).
.PHONY: transcripts
transcripts:
	GO=$(GO) sh scripts/transcripts.sh
