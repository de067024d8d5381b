# The two commands: `make run` and `make test` (as root on a fresh Debian 12
# machine they first install the missing packages). `make check` adds the sanitizer
# builds and fuzzing; `make bench` measures.
BUILD   ?= build
JOBS    ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DAIPLUS_WERROR=ON
AIPLUS  := $(BUILD)/aiplus
SCENARIO ?= configs/ai_plus.toml
# Debian's interpreter, where the Python packages are installed, whatever is first on PATH.
PYTHON  ?= $(if $(wildcard /usr/bin/python3),/usr/bin/python3,python3)

.PHONY: all deps configure build build-aiplus python run test unit-test check sanitize tsan fuzz bench format output-doc clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Only the binary: a run needs no test.
build-aiplus: configure
	@cmake --build $(BUILD) -j $(JOBS) --target aiplus

# `import aiplus` from any folder: builds the module and puts build/python on Python's
# path with a .pth file in the site-packages folder.
python: configure
	@cmake --build $(BUILD) -j $(JOBS) --target _aiplus
	@site=$$($(PYTHON) -c 'import site; print(site.getsitepackages()[0])') && mkdir -p "$$site" && \
	  echo "$(abspath $(BUILD))/python" > "$$site/aiplus.pth" && \
	  echo "import aiplus now works in $(PYTHON) (from $(abspath $(BUILD))/python, via $$site/aiplus.pth)"

run: build-aiplus
	@mkdir -p out
	$(AIPLUS) run $(SCENARIO) -o out/$(basename $(notdir $(SCENARIO))).h5 --force

# The whole suite, once, on the Release build (the code checks its invariants with
# explicit errors, not assert(), so nothing is compiled out).
test: unit-test

unit-test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The deeper checks: the C++ suites under AddressSanitizer and UndefinedBehaviorSanitizer,
# then under ThreadSanitizer, then a bounded fuzzing run of the config loader.
check: sanitize tsan fuzz

sanitize: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIPLUS_SANITIZE=address -DAIPLUS_WERROR=ON -DAIPLUS_MPI=OFF >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --test-dir $(BUILD)-asan --output-on-failure -j $(JOBS) -E 'test_cli|test_layers'

# ThreadSanitizer needs a oneTBB built with it (Debian's is not instrumented, and TSan
# then reports races inside it that are not there): scripts/build-tsan-tbb.sh builds
# one from the source of Debian's own package, once, into $(BUILD)-tsan/tbb.
tsan: deps
	@scripts/build-tsan-tbb.sh $(BUILD)-tsan/tbb
	@cmake -S . -B $(BUILD)-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIPLUS_SANITIZE=thread -DAIPLUS_WERROR=ON \
	  -DAIPLUS_MPI=OFF -DCMAKE_PREFIX_PATH=$(abspath $(BUILD)-tsan/tbb) >/dev/null
	@cmake --build $(BUILD)-tsan -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --test-dir $(BUILD)-tsan --output-on-failure -j $(JOBS) -E 'test_cli|test_layers'

FUZZ_SECONDS ?= 60
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAIPLUS_FUZZ=ON \
	  -DAIPLUS_SANITIZE=address -DAIPLUS_BUILD_TESTS=OFF -DAIPLUS_MPI=OFF >/dev/null
	@cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzz_config
	@rm -rf $(BUILD)-fuzz/corpus && cp -r tests/fuzz/corpus $(BUILD)-fuzz/corpus
	cd configs && ../$(BUILD)-fuzz/tests/fuzz/fuzz_config -max_total_time=$(FUZZ_SECONDS) ../$(BUILD)-fuzz/corpus

bench: build
	bench/run.sh $(AIPLUS) --quick

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp' '*.h')

# The tables of OUTPUT.md, printed by `aiplus outputs --markdown` (a test checks them).
output-doc: build
	python3 scripts/output_doc.py $(AIPLUS) OUTPUT.md

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-tsan $(BUILD)-fuzz out
