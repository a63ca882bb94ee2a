#!/usr/bin/env bash
# `make mujoco-check`: our MuJoCo tasks against gymnasium 1.4.0 on mujoco 2.2.2 (issue #23).
# 1. Benchmarks/mujoco_models_check.py: each of our model files compiles to gymnasium's model byte for byte.
# 2. For every task, Benchmarks/mujoco_record.py records fresh episodes (seeds other than the tests'
#    fixtures) and `a3c check-env` replays them with no deviation at all: observations (float64), rewards
#    and flags identical.
# 3. Benchmarks/mujoco_frames.py draws every task with gymnasium's renderer (MuJoCo's, through EGL) and
#    `a3c check-render` replays the episodes and draws them with ours: 99 % of pixels within 8.
# mujoco 2.2.2 has wheels for CPython ≤ 3.10 only: the venv (under .build/, made once per clone) is made
# with python3.10 from PATH or pyenv. Prints the whole check's time.
set -euo pipefail
cd "$(dirname "$0")/.."
A3C="$PWD/.build/release/a3c"
[ -x "$A3C" ] || { echo "build a3c first: swift build -c release --product a3c"; exit 2; }
started=$(date +%s)
venv=${MUJOCO_VENV:-$PWD/.build/mujoco-venv}
if [ ! -x "$venv/bin/python" ]; then
    python=""
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10 "$(command -v python3.10 || true)"; do
        if [ -x "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
            python=$candidate
            break
        fi
    done
    [ -n "$python" ] || { echo "mujoco-check needs Python 3.10 (mujoco 2.2.2's wheels stop there): install it or put python3.10 on PATH"; exit 2; }
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check mujoco==2.2.2 gymnasium==1.4.0 numpy==1.26.4 imageio packaging PyOpenGL
fi
venv_ready=$(date +%s)
work=$(mktemp -d /tmp/a3c-mujoco.XXXXXX)
trap 'rm -rf "$work"' EXIT

failed=0
"$venv/bin/python" Benchmarks/mujoco_models_check.py || failed=1
seeds=${MUJOCO_SEEDS:-"100 101 102 103 104"}
for id in InvertedPendulum-v4 InvertedDoublePendulum-v4 Reacher-v4 Swimmer-v4 Hopper-v4 HalfCheetah-v4 Walker2d-v4 Ant-v4; do
    # shellcheck disable=SC2086
    "$venv/bin/python" -W ignore Benchmarks/mujoco_record.py "$id" --seeds $seeds --max-steps 300 --out "$work/$id.json" > /dev/null \
        || { echo "FAIL $id: recording failed"; failed=1; continue; }
    "$A3C" check-env "$id" --fixture "$work/$id.json" --observation-tolerance 0 --reward-tolerance 0 || { echo "FAIL $id"; failed=1; }
done
"$venv/bin/python" Benchmarks/mujoco_frames.py --out "$work/frames" --seeds 1 --steps 0 10 30 > /dev/null 2>&1 \
    || { echo "FAIL: gymnasium's frames could not be drawn"; failed=1; }
"$A3C" check-render "$work/frames/index.json" || failed=1
finished=$(date +%s)
echo "mujoco-check: $((finished - started)) s in all ($((venv_ready - started)) s making the venv)"
exit $failed
