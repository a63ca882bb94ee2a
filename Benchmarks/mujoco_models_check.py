"""Checks that the project's MuJoCo model files compile to exactly gymnasium's models.

Each Swift file under Sources/MuJoCoEnvironments/Models/ holds one MJCF document as a Swift raw multi-line string
literal. The script compiles it and gymnasium 1.4.0's asset of the same task with mujoco 2.2.2
and compares the two compiled models byte for byte (their MJB serialisation); on a difference it names the
model arrays that differ. Run it in a Python 3.10 venv with mujoco==2.2.2, gymnasium==1.4.0 and numpy<2:

    python Benchmarks/mujoco_models_check.py [TASK ...]

Exit status 0 when every model checked is identical.
"""

import argparse
import os
import re
import sys

import mujoco
import numpy as np

import gymnasium

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS = os.path.join(ROOT, "Sources", "MuJoCoEnvironments", "Models")
ASSETS = os.path.join(os.path.dirname(gymnasium.__file__), "envs", "mujoco", "assets")

# Swift file (without .swift) -> gymnasium asset.
TASKS = {
    "InvertedPendulumModel": "inverted_pendulum.xml",
    "InvertedDoublePendulumModel": "inverted_double_pendulum.xml",
    "ReacherModel": "reacher.xml",
    "SwimmerModel": "swimmer.xml",
    "HopperModel": "hopper.xml",
    "HalfCheetahModel": "half_cheetah.xml",
    "Walker2dModel": "walker2d.xml",
    "AntModel": "ant.xml",
    "HumanoidModel": "humanoid.xml",
}


def swift_xml(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r'#"""\n(.*?)\n\s*"""#', text, re.S)
    if not match:
        raise SystemExit(f"{path}: no #\"\"\" … \"\"\"# literal")
    lines = match.group(1).split("\n")
    indent = min((len(l) - len(l.lstrip(" ")) for l in lines if l.strip()), default=0)
    return "\n".join(l[indent:] for l in lines)


def mjb(model):
    buffer = np.zeros(mujoco.mj_sizeModel(model), np.uint8)
    mujoco.mj_saveModel(model, None, buffer)
    return buffer.tobytes()


def differing_fields(ours, theirs):
    names = []
    for name in dir(theirs):
        if name.startswith("_"):
            continue
        try:
            a, b = getattr(ours, name), getattr(theirs, name)
        except Exception:
            continue
        if isinstance(b, np.ndarray):
            if a.shape != b.shape or not np.array_equal(a, b):
                names.append(name)
        elif isinstance(b, (int, float)) and a != b:
            names.append(name)
    for group in ("opt", "vis", "stat"):
        for name in dir(getattr(theirs, group)):
            if name.startswith("_"):
                continue
            a, b = getattr(getattr(ours, group), name), getattr(getattr(theirs, group), name)
            if isinstance(b, np.ndarray):
                if not np.array_equal(a, b):
                    names.append(f"{group}.{name}")
            elif isinstance(b, (int, float)) and a != b:
                names.append(f"{group}.{name}")
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", nargs="*", help="Swift file names without .swift (default: every one present)")
    args = parser.parse_args()
    tasks = args.tasks or [t for t in TASKS if os.path.exists(os.path.join(MODELS, t + ".swift"))]
    failures = 0
    for task in tasks:
        ours = mujoco.MjModel.from_xml_string(swift_xml(os.path.join(MODELS, task + ".swift")))
        theirs = mujoco.MjModel.from_xml_path(os.path.join(ASSETS, TASKS[task]))
        if mjb(ours) == mjb(theirs):
            print(f"{task}: identical to gymnasium's {TASKS[task]} ({mujoco.mj_sizeModel(theirs)} bytes compiled)")
        else:
            failures += 1
            print(f"{task}: DIFFERS from gymnasium's {TASKS[task]}: {', '.join(differing_fields(ours, theirs)) or 'MJB bytes only'}")
    print(f"{len(tasks) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
