# Debian packages the build needs: OpenBLAS (CBLAS), LAPACKE (orthogonal init), Box2D (LunarLander),
# Cairo (drawing, PNG) and giflib (animated GIF) for Rendering.
# MuJoCo 2.2.2 (libmujoco-dev) for the MuJoCoEnvironments module (gymnasium's MuJoCo tasks); EGL with Mesa's
# software rasteriser (libegl-dev, libegl-mesa0, libgl1-mesa-dri) for MuJoCoRendering's pictures of them.
# Open MPI (CMPI, mpirun) and iproute2 (ip netns, for test-distributed) are for the Distributed module and the
# a3c command line that links it; a library user of Engine, Environments or Agents needs neither.
DEB_PACKAGES := libopenblas-dev liblapacke-dev libbox2d-dev libcairo2-dev libgif-dev libopenmpi-dev openmpi-bin iproute2 libmujoco-dev libegl-dev libegl-mesa0 libgl1-mesa-dri
SWIFT_RELEASE := swift build -c release
SWIFT_TEST := swift test -c release -Xswiftc -enable-testing --disable-swift-testing

.PHONY: setup build test test-distributed test-distributed-kill onnx-check mujoco-check bench bench-quick train example docs tsan fuzz clean

## setup: install the Debian packages that are missing (apt-get update first)
setup:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

## build: release build of the libraries and both executables
build: setup
	$(SWIFT_RELEASE)

## test: the whole test suite, optimised (tests that train need release speed)
test: setup
	$(SWIFT_TEST)

## test-distributed: A3C over Open MPI: 3 local ranks (a confirmed stop), scheduled confirmations, 2 ranks in two network namespaces over TCP, a killed rank
## (root: ip netns; the script sets OMPI_ALLOW_RUN_AS_ROOT{,_CONFIRM}=1, without which Open MPI refuses root)
test-distributed: setup
	$(SWIFT_RELEASE) --product a3c
	bash Scripts/test-distributed.sh

## onnx-check: every network kind (dense, Gaussian, LSTM, stacked LSTMs, conv, strided convs) exported
## to ONNX, checked by onnx.checker and replayed in onnxruntime against the Swift policy (a venv of its own
## under .build/: Scripts/onnx-check.sh)
onnx-check: setup
	$(SWIFT_RELEASE) --product a3c
	bash Scripts/onnx-check.sh

## mujoco-check: our MuJoCo model files compile to gymnasium 1.4.0's models byte for byte, and fresh gymnasium
## recordings of every MuJoCo task (mujoco 2.2.2, seeds 100–104) replay in a3c check-env with no deviation
## and every task drawn by gymnasium and by a3c check-render agrees on 99 % of pixels within 8
## (a Python 3.10 venv of its own under .build/: Scripts/mujoco-check.sh)
mujoco-check: setup
	$(SWIFT_RELEASE) --product a3c
	bash Scripts/mujoco-check.sh

## test-distributed-kill: the kill case alone, KILL_RUNS times in a row (default 20): rank 0's message every time
KILL_RUNS ?= 20
test-distributed-kill: setup
	$(SWIFT_RELEASE) --product a3c
	bash Scripts/test-distributed.sh --kill-only $(KILL_RUNS)

## train: the main job: A3C on CartPole-v1 to its reward threshold, checkpoint and log in runs/
train: setup
	$(SWIFT_RELEASE) --product a3c
	mkdir -p runs
	.build/release/a3c train CartPole-v1 --save runs/CartPole-v1.json --log runs/CartPole-v1.csv
	.build/release/a3c eval runs/CartPole-v1.json --episodes 100 --deterministic

## bench: every section of a3c-bench (release)
bench: setup
	$(SWIFT_RELEASE) --product a3c
	swift run -c release a3c-bench

## bench-quick: smoke run of every a3c-bench section in a few seconds (release), as CI runs it
bench-quick: setup
	$(SWIFT_RELEASE) --product a3c
	swift run -c release a3c-bench --quick

## example: builds Examples/CustomEnvironment (a package of its own that depends on this one by path)
## and runs it: train and save a custom environment, load/evaluate/act in a fresh process, its CLI,
## the README's "Train your own environment" code and the DocC article "Training from code", each
## checked to be verbatim the page's
example: setup
	Examples/check-doc-examples.sh
	cd Examples/CustomEnvironment && swift build -c release
	rm -rf .build/example-run && mkdir -p .build/example-run
	Examples/CustomEnvironment/.build/release/reach-demo train .build/example-run/reach.json
	Examples/CustomEnvironment/.build/release/reach-demo deploy .build/example-run/reach.json
	Examples/CustomEnvironment/.build/release/reach envs
	Examples/CustomEnvironment/.build/release/reach train PointReach-v0 --workers 1 --seed 5 --save .build/example-run/cli.json
	Examples/CustomEnvironment/.build/release/reach eval .build/example-run/cli.json --episodes 20 --deterministic
	Examples/CustomEnvironment/.build/release/reach rollout PointReach-v0 --episodes 20
	cd .build/example-run && ../../Examples/CustomEnvironment/.build/release/readme-example
	cd .build/example-run && ../../Examples/CustomEnvironment/.build/release/library-example

## docs: DocC archives of Engine, Environments and Agents (swift-docc-plugin) with no warning, the
## Markdown pages' relative links, and the examples the pages hold verbatim
docs: setup
	bash Scripts/docs.sh

## tsan: ThreadSanitizer build (.build-tsan) and short A3C/A2C trainings; fails on any warning
tsan: setup
	bash Tools/tsan.sh

## fuzz: libFuzzer + AddressSanitizer for FUZZ_SECONDS each (default 60) over the two readers of user files:
## the checkpoint reader, seeded with real checkpoints written by a3c train (one with a torso) and mutated
## with format 3's tokens (Fuzz/checkpoint.dict), and the --config reader, seeded with --print-config of
## every registered environment and algorithm; fails when an input traps, overflows, corrupts memory or
## (configs) is refused without naming the file and line (Fuzz/README.md)
FUZZ_SECONDS ?= 60
FUZZ_DIR := .build/fuzz
FUZZ_BUILD := $(FUZZ_DIR)/release
fuzz: setup
	$(SWIFT_RELEASE) --product a3c
	rm -rf $(FUZZ_DIR)/seeds $(FUZZ_DIR)/config-seeds
	mkdir -p $(FUZZ_DIR)/seeds $(FUZZ_DIR)/corpus $(FUZZ_DIR)/config-seeds $(FUZZ_DIR)/config-corpus
	.build/release/a3c train CartPole-v1 --workers 1 --max-steps 2000 --hidden 8 --save $(FUZZ_DIR)/seeds/cartpole.json >/dev/null
	.build/release/a3c train Pendulum-v1 --workers 1 --max-steps 2000 --hidden 4,4 --save $(FUZZ_DIR)/seeds/pendulum.json >/dev/null
	.build/release/a3c train Acrobot-v1 --algo a2c --workers 2 --max-steps 2000 --hidden 6 --save $(FUZZ_DIR)/seeds/acrobot.json >/dev/null
	.build/release/a3c train CartPole-v1 --workers 1 --max-steps 2000 --torso dense:6,dense:5 --hidden 4 --save $(FUZZ_DIR)/seeds/torso.json >/dev/null
	for id in $$(.build/release/a3c envs | awk -F'|' 'NR > 2 { gsub(/ /, "", $$2); print $$2 }'); do \
		for algo in a3c a2c; do \
			.build/release/a3c train "$$id" --algo $$algo --print-config > "$(FUZZ_DIR)/config-seeds/$$(echo $$id | tr / _)-$$algo.yml" || exit 1; \
		done; \
	done
	swift build -c release --build-path $(FUZZ_DIR) -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing --target A3CCommands
	Fuzz/link.sh Fuzz/CheckpointFuzzer.swift $(FUZZ_BUILD)/fuzz-checkpoint
	Fuzz/link.sh Fuzz/ConfigFuzzer.swift $(FUZZ_BUILD)/fuzz-config
	$(FUZZ_BUILD)/fuzz-checkpoint -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -print_final_stats=1 -dict=Fuzz/checkpoint.dict \
		-artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus $(FUZZ_DIR)/seeds
	$(FUZZ_BUILD)/fuzz-config -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_DIR)/config- $(FUZZ_DIR)/config-corpus $(FUZZ_DIR)/config-seeds

clean:
	rm -rf .build .build-tsan Examples/CustomEnvironment/.build
