# The two commands: `make run` and `make test` (as root on a fresh Debian 12
# machine they first install the missing packages). `make bench` measures.
BUILD   ?= build
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DAIPLUS_WERROR=ON
AIPLUS  := $(BUILD)/aiplus
SCENARIO ?= configs/ai_plus.toml

.PHONY: all deps configure build run test bench format clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@mkdir -p out
	$(AIPLUS) run $(SCENARIO) -o out/$(basename $(notdir $(SCENARIO))).h5 --force

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	bench/run.sh $(AIPLUS) --quick

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp' '*.h')

clean:
	rm -rf $(BUILD) out
