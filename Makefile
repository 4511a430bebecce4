# SPDX-License-Identifier: Apache-2.0
# The commands a developer types. `make dev` runs Natter; `make test` runs every test.
BUILD_DIR ?= build
SAN_BUILD_DIR ?= build-asan
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc)

PACKAGE_DIR ?= $(BUILD_DIR)/packages

.PHONY: all deps build web dev test test-asan test-fuzz lint migrate format clean bench \
	packages package-server package-desktop package-web

all: build

deps:
	@bash scripts/deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

web:
	@bash scripts/web.sh

dev: deps build web
	@bash scripts/dev.sh

test: deps build web
	@bash scripts/test.sh $(BUILD_DIR)
	@$(MAKE) --no-print-directory test-fuzz

# The server benchmark: pgbench's ceiling and Natter's figures in one run, written into
# docs/benchmarks.md (scripts/bench.sh; several minutes, best on an otherwise idle machine).
bench: build
	@bash scripts/bench.sh $(BUILD_DIR)

# The libFuzzer targets (clang only), each run for a bounded time (NATTER_FUZZ_SECONDS), side
# by side: each fuzzer is one single-threaded process.
test-fuzz: deps
	cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCMAKE_CXX_COMPILER=clang++ -DNATTER_FUZZ=ON -DNATTER_FUZZ_SECONDS=$(FUZZ_SECONDS) \
		-DNATTER_BUILD_DESKTOP=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target fuzz_frame fuzz_http fuzz_wsframe
	ctest --test-dir $(FUZZ_BUILD_DIR) -L fuzz --output-on-failure -j $(JOBS)

# The server and its tests built with AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(SAN_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNATTER_SANITIZE=ON \
		-DNATTER_BUILD_DESKTOP=OFF $(CMAKE_FLAGS)
	cmake --build $(SAN_BUILD_DIR) -j $(JOBS)
	@# Reports of every process (the natter-server processes the tests start included) land in
	@# files; a run is clean only when the tests pass and not one report was written.
	@rm -rf $(SAN_BUILD_DIR)/sanitizer-reports && mkdir -p $(SAN_BUILD_DIR)/sanitizer-reports
	@ASAN_OPTIONS=log_path=$(abspath $(SAN_BUILD_DIR))/sanitizer-reports/asan:detect_leaks=1 \
		UBSAN_OPTIONS=log_path=$(abspath $(SAN_BUILD_DIR))/sanitizer-reports/ubsan:print_stacktrace=1 \
		CTEST_ARGS="-L server" bash scripts/test.sh $(SAN_BUILD_DIR)
	@if [ -n "$$(ls -A $(SAN_BUILD_DIR)/sanitizer-reports)" ]; then \
		echo "Sanitizer reports:"; cat $(SAN_BUILD_DIR)/sanitizer-reports/*; exit 1; \
	else echo "Sanitizers: no reports."; fi

# Release artifacts in $(PACKAGE_DIR): natter-server_<version>_<arch>.deb (binary, web app,
# systemd units), natter_<version>_<arch>.deb (desktop app) and natter-web-<version>.tar.gz.
packages: package-server package-desktop package-web

package-server: build web
	cpack --config $(BUILD_DIR)/CPackServerConfig.cmake -B $(PACKAGE_DIR)

package-desktop: build
	cd $(BUILD_DIR) && cpack -G DEB -B $(abspath $(PACKAGE_DIR))

package-web: web
	@mkdir -p $(PACKAGE_DIR)
	tar -C web/dist -czf $(PACKAGE_DIR)/natter-web-$$(sed -n 's/^project(Natter VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt).tar.gz .

migrate: build
	$(BUILD_DIR)/server/natter-server migrate

lint: deps $(BUILD_DIR)/build.ninja
	@bash scripts/lint.sh $(BUILD_DIR)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(SAN_BUILD_DIR) $(FUZZ_BUILD_DIR)
