# Debian packages the build needs: OpenBLAS (CBLAS), LAPACKE (orthogonal init), Box2D (LunarLander).
DEB_PACKAGES := libopenblas-dev liblapacke-dev libbox2d-dev
SWIFT_RELEASE := swift build -c release
SWIFT_TEST := swift test -c release -Xswiftc -enable-testing --disable-swift-testing

.PHONY: setup build test bench bench-quick train example clean

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

## train: the main job: A3C on CartPole-v1 to its reward threshold, checkpoint and log in runs/
train: setup
	$(SWIFT_RELEASE) --product a3c
	mkdir -p runs
	.build/release/a3c train CartPole-v1 --save runs/CartPole-v1.json --log runs/CartPole-v1.csv
	.build/release/a3c eval runs/CartPole-v1.json --episodes 100 --deterministic

## bench: every section of a3c-bench (release)
bench: setup
	swift run -c release a3c-bench

## bench-quick: smoke run of every a3c-bench section in a few seconds (release), as CI runs it
bench-quick: setup
	swift run -c release a3c-bench --quick

## example: builds Examples/CustomEnvironment (a package of its own that depends on this one by path)
## and runs it: train and save a custom environment, load/evaluate/act in a fresh process, its CLI,
## and the README's "Train your own environment" code, checked to be verbatim the README's
example: setup
	Examples/check-readme-example.sh
	cd Examples/CustomEnvironment && swift build -c release
	rm -rf .build/example-run && mkdir -p .build/example-run
	Examples/CustomEnvironment/.build/release/reach-demo train .build/example-run/reach.json
	Examples/CustomEnvironment/.build/release/reach-demo deploy .build/example-run/reach.json
	Examples/CustomEnvironment/.build/release/reach envs
	Examples/CustomEnvironment/.build/release/reach train PointReach-v0 --workers 1 --seed 5 --save .build/example-run/cli.json
	Examples/CustomEnvironment/.build/release/reach eval .build/example-run/cli.json --episodes 20 --deterministic
	Examples/CustomEnvironment/.build/release/reach rollout PointReach-v0 --episodes 20
	cd .build/example-run && ../../Examples/CustomEnvironment/.build/release/readme-example

clean:
	rm -rf .build Examples/CustomEnvironment/.build
