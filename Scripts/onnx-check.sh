#!/usr/bin/env bash
# `make onnx-check`: every network kind exported to ONNX and run by onnxruntime (issue #26).
# For each case a short seeded training saves a checkpoint (the weights only need to be a real
# network's), `a3c export --format onnx --trace` writes the model and 1,000 steps of the Swift
# policy in its environment, and Benchmarks/onnx_check.py checks the model with onnx.checker and
# replays the steps in onnxruntime: identical discrete actions, continuous actions and values
# within 1e-5. The Python packages go into a venv of its own under .build/ (made once per clone).
# Prints each exported file's size and the whole check's time.
set -euo pipefail
cd "$(dirname "$0")/.."
A3C="$PWD/.build/release/a3c"
[ -x "$A3C" ] || { echo "build a3c first: swift build -c release --product a3c"; exit 2; }
started=$(date +%s)
venv=${ONNX_VENV:-$PWD/.build/onnx-venv}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check onnx==1.23.2 onnxruntime==1.32.0 numpy==2.4.6
fi
venv_ready=$(date +%s)
work=$(mktemp -d /tmp/a3c-onnx.XXXXXX)
trap 'rm -rf "$work"' EXIT

# name | environment | training options beyond the defaults
cases=(
    "dense|CartPole-v1|"
    "gaussian-normalised|Pendulum-v1|"
    "lstm|CartPoleNoVel-v1|"
    "stacked-lstm-relu-normalised|CartPoleNoVel-v1|--torso lstm:16,lstm:8 --activation relu --normalize-observations"
    "conv|MinAtar/Breakout-v1|"
    "two-strided-convs-tanh|MinAtar/SpaceInvaders-v0|--torso conv:8:3:2,conv:4:2,dense:32 --activation tanh"
)
failed=0
for entry in "${cases[@]}"; do
    IFS='|' read -r name env options <<< "$entry"
    # shellcheck disable=SC2086
    "$A3C" train "$env" $options --max-steps 5000 --workers 1 --seed 1 --save "$work/$name.ckpt" > "$work/$name.train.log" 2>&1 \
        || { echo "FAIL $name: training failed"; cat "$work/$name.train.log"; failed=1; continue; }
    "$A3C" export "$work/$name.ckpt" --format onnx --out "$work/$name.onnx" --trace "$work/$name.json" --trace-seed 3 > /dev/null \
        || { echo "FAIL $name: export failed"; failed=1; continue; }
    echo "$name ($env): $(stat -c %s "$work/$name.onnx") bytes"
    "$venv/bin/python" Benchmarks/onnx_check.py "$work/$name.onnx" "$work/$name.json" || { echo "FAIL $name"; failed=1; }
done
finished=$(date +%s)
echo "onnx-check: $((finished - started)) s in all ($((venv_ready - started)) s making the venv)"
exit $failed
