#!/usr/bin/env bash
# `make tsan`: builds a3c with ThreadSanitizer (its own scratch path, .build-tsan) and runs short
# trainings that exercise every shared type: A3C with locked updates and A2C on CartPole-v1 and
# LunarLanderContinuous-v3 (observation statistics shared), and A3C Hogwild on CartPole-v1, whose
# races by design are excluded by name in Tools/tsan-suppressions.txt. Fails on any report.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --sanitize=thread --scratch-path .build-tsan --product a3c
binary=.build-tsan/release/a3c
export TSAN_OPTIONS="suppressions=$PWD/Tools/tsan-suppressions.txt halt_on_error=0 exitcode=66"
output=$(mktemp)
trap 'rm -f "$output"' EXIT
failed=0
run() {
    echo "tsan: a3c train $*"
    local status=0
    "$binary" train "$@" --seed 1 --progress-interval 5 >"$output" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then echo "tsan: FAILED (exit status $status)"; failed=1; fi
    if grep -q "ThreadSanitizer" "$output"; then
        cat "$output"; echo "tsan: FAILED, ThreadSanitizer reported the above"; failed=1
    else
        tail -n 1 "$output"
    fi
}
run CartPole-v1 --algo a3c --workers 2 --update-mode locked --max-steps 100000
run CartPole-v1 --algo a3c --workers 2 --update-mode hogwild --max-steps 50000
run CartPole-v1 --algo a2c --workers 4 --max-steps 50000
run LunarLanderContinuous-v3 --algo a3c --workers 2 --update-mode locked --max-steps 30000
run LunarLanderContinuous-v3 --algo a2c --workers 2 --max-steps 30000
if [ "$failed" -ne 0 ]; then exit 1; fi
echo "tsan: no warnings"
