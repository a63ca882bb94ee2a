"""Steps per second of gymnasium's MuJoCo v4 environments in Python, as a3c-bench mujoco measures ours:
one environment, uniform random float32 actions (drawn beforehand, so that only the environment is timed),
a reset at each episode's end (termination or the registered time limit).
Prints one JSON object: {"peer", "env", "steps", "seconds", "steps_per_second"}.
Usage: mujoco_speed.py --env Hopper-v4 --steps 20000 [--seed 1]   (needs mujoco==2.2.2, gymnasium==1.4.0)
"""
import argparse
import json
import time
import warnings

import gymnasium as gym
import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--env", required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    env = gym.make(args.env)
    env.reset(seed=args.seed)
    space = env.action_space
    actions = np.random.RandomState(args.seed).uniform(space.low, space.high, size=(args.steps,) + space.shape).astype(np.float32)
    start = time.perf_counter()
    for action in actions:
        _, _, terminated, truncated, _ = env.step(action)
        if terminated or truncated:
            env.reset()
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": f"gymnasium {gym.__version__}", "env": args.env, "steps": args.steps,
                      "seconds": seconds, "steps_per_second": args.steps / seconds}))


if __name__ == "__main__":
    main()
