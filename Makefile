# The two commands of the quick start.
#   make demo   install, build, and run the nightly job on the sample inbox
#   make test   install, build, and run the whole test suite
BUILD ?= build
JOBS  ?= $(shell nproc)

.PHONY: demo test build deps-run deps-test bench clean

# The sample inbox holds broken records on purpose, so exit code 4 (some
# records rejected) is the demo's expected outcome.
demo: deps-run build
	$(BUILD)/danju run jobs/demo.toml || [ $$? -eq 4 ]

test: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

deps-run:
	sh scripts/install-deps.sh --run

deps-test:
	sh scripts/install-deps.sh --test

# make bench [ANCHOR=folder of the anchor harness] [NIGHTS="1000 10000"]
bench: build
	sh scripts/install-deps.sh --bench
	$(BUILD)/danju-bench $(if $(ANCHOR),--anchor $(ANCHOR)) $(NIGHTS)

clean:
	rm -rf $(BUILD)
