# Heritage Line. `make test` is the one command that runs every test; CI calls it.
GO ?= go

.PHONY: test redis-server run load soak fuzz

test: redis-server
	$(GO) vet ./...
	HL_REQUIRE_REDIS=1 $(GO) test -race -count=1 -timeout 8m ./...

# Tests that need Redis start a real redis-server on a loopback port; install it
# from Debian's packages when it is missing.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || { \
		echo "installing redis-server with apt-get"; \
		SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

run:
	$(GO) run ./cmd/heritageline

# Load: signed SMS and voice walks from thousands of numbers at 32 connections,
# then the same load to /healthz, on a real redis-server (docs/performance.md).
LOAD_FLAGS ?= -conns 32 -duration 20s
load: redis-server
	$(GO) run ./cmd/loadgen -check $(LOAD_FLAGS)

# Soak: ten minutes at a steady rate, sampling the line's memory and goroutines.
SOAK_FLAGS ?= -conns 8 -rate 200 -duration 10m -sample 30s
soak: redis-server
	$(GO) run ./cmd/loadgen -no-healthz -warmup 0 $(SOAK_FLAGS)

# Fuzz: every Fuzz* target for FUZZTIME each (docs/performance.md).
FUZZTIME ?= 10s
fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

# Regenerate the README's call and SMS transcripts with the simulator against
# an in-process line (scripts/transcripts.sh).
.PHONY: transcripts
transcripts:
	GO=$(GO) sh scripts/transcripts.sh
