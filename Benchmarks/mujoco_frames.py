"""Renders gymnasium 1.4.0's MuJoCo v4 tasks (`render_mode="rgb_array"`, MuJoCo's renderer through EGL) for
`a3c check-render`: per task and seed, `reset(seed)`, actions drawn uniformly by numpy's RandomState(seed) as
float32, and a PNG of the picture after each listed step (step 0: right after the reset). The index holds each
episode's reset state (as gymnasium's reset gave it to `set_state`) and actions, so that ours replays it.

    python Benchmarks/mujoco_frames.py --out DIR [--envs Hopper-v4 Ant-v4] [--seeds 0 1] [--steps 0 5 15]

Needs Python 3.10 with mujoco==2.2.2, gymnasium==1.4.0, numpy<2, PyOpenGL, imageio, and EGL (Mesa).
Writes DIR/index.json and DIR/<env>-s<seed>-t<step>.png.
"""

import argparse
import json
import os
import warnings

os.environ.setdefault("MUJOCO_GL", "egl")

import gymnasium as gym  # noqa: E402
import imageio  # noqa: E402
import mujoco  # noqa: E402
import numpy as np  # noqa: E402
from mujoco_record import make_capturing  # noqa: E402

TASKS = ["InvertedPendulum-v4", "InvertedDoublePendulum-v4", "Reacher-v4", "Swimmer-v4", "Hopper-v4",
         "HalfCheetah-v4", "Walker2d-v4", "Ant-v4"]


def record(env_id, seed, steps, out):
    env, reset_states = make_capturing(env_id, render_mode="rgb_array")
    env.reset(seed=seed)
    space = env.action_space
    draws = np.random.RandomState(seed)
    episode = {"env": env_id, "seed": seed, "initial_state": [float(v) for v in reset_states[-1]],
               "actions": [], "frames": []}

    def shoot(step):
        name = f"{env_id}-s{seed}-t{step}.png"
        imageio.imwrite(os.path.join(out, name), env.render())
        episode["frames"].append({"step": step, "file": name})

    if 0 in steps:
        shoot(0)
    for t in range(1, max(steps) + 1):
        action = draws.uniform(space.low, space.high).astype(np.float32)
        _, _, terminated, truncated, _ = env.step(action)
        episode["actions"].append([float(v) for v in action])
        if t in steps:
            shoot(t)
        if terminated or truncated:
            break
    env.close()
    return episode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the folder for index.json and the PNG files")
    parser.add_argument("--envs", nargs="+", default=TASKS)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--steps", type=int, nargs="+", default=[0, 5, 15])
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    os.makedirs(args.out, exist_ok=True)
    episodes = [record(env_id, seed, set(args.steps), args.out) for env_id in args.envs for seed in args.seeds]
    index = {"source": f"gymnasium {gym.__version__}, mujoco {mujoco.__version__}, MUJOCO_GL={os.environ['MUJOCO_GL']}",
             "mujoco": episodes}
    with open(os.path.join(args.out, "index.json"), "w") as f:
        json.dump(index, f)
    print(f"{sum(len(e['frames']) for e in episodes)} frames of {len(episodes)} episodes -> {args.out}")


if __name__ == "__main__":
    main()
