"""Records gymnasium 1.4.0's MuJoCo v4 episodes for replay by `a3c check-env` and the tests.

Each episode: `reset(seed=SEED)`, then actions drawn uniformly from the action space by numpy's
RandomState(SEED) as float32, until the episode ends or --max-steps. The file has the layout of
shared/fixtures (README there); `obs` are float64, and `initial_state` is the qpos then qvel that the reset
gave `set_state`: MuJoCo's forward pass then normalises a free joint's quaternion (Ant), and normalising it
again would move its last bit, so a replay starts from the values before that pass, as gymnasium's reset did.

Needs Python 3.10 with mujoco==2.2.2, gymnasium==1.4.0 and numpy<2 (the dynamics are MuJoCo 2.2.2's):

    python Benchmarks/mujoco_record.py Hopper-v4 --seeds 0 1 2 --max-steps 200 --out hopper.json
"""

import argparse
import json
import sys

import gymnasium as gym
import mujoco
import numpy as np


def make_capturing(env_id, **kwargs):
    """`gym.make(env_id)` and a list that each reset appends the qpos + qvel it gave `set_state` to."""
    env = gym.make(env_id, **kwargs)
    unwrapped = env.unwrapped
    set_state = unwrapped.set_state
    reset_states = []

    def capture(qpos, qvel):
        reset_states.append(np.concatenate([qpos, qvel]))
        set_state(qpos, qvel)

    unwrapped.set_state = capture
    return env, reset_states


def record(env_id, seeds, max_steps):
    env, reset_states = make_capturing(env_id)
    episodes = []
    for seed in seeds:
        observation, _ = env.reset(seed=seed)
        episode = {
            "seed": seed,
            "initial_state": [float(v) for v in reset_states[-1]],
            "initial_obs": [float(v) for v in observation],
            "actions": [], "obs": [], "rewards": [], "terminated": [], "truncated": [],
        }
        space = env.action_space
        actions = np.random.RandomState(seed)
        for _ in range(max_steps):
            action = actions.uniform(space.low, space.high).astype(np.float32)
            observation, reward, terminated, truncated, _ = env.step(action)
            episode["actions"].append([float(v) for v in action])
            episode["obs"].append([float(v) for v in observation])
            episode["rewards"].append(float(reward))
            episode["terminated"].append(bool(terminated))
            episode["truncated"].append(bool(truncated))
            if terminated or truncated:
                break
        episodes.append(episode)
    return {"env": env_id, "source": f"gymnasium {gym.__version__}, mujoco {mujoco.__version__}, numpy {np.__version__}",
            "episodes": episodes}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("env", help="a gymnasium MuJoCo id, e.g. Hopper-v4")
    parser.add_argument("--seeds", type=int, nargs="+", required=True, help="one episode per seed")
    parser.add_argument("--max-steps", type=int, default=1000, help="cap on each episode's steps (default 1000)")
    parser.add_argument("--out", required=True, help="the JSON file to write")
    args = parser.parse_args()
    if mujoco.__version__ != "2.2.2":
        sys.exit(f"mujoco {mujoco.__version__} is installed; the recordings need mujoco 2.2.2")
    recording = record(args.env, args.seeds, args.max_steps)
    with open(args.out, "w") as f:
        json.dump(recording, f, separators=(",", ":"))
    steps = sum(len(e["actions"]) for e in recording["episodes"])
    print(f"{args.env}: {len(recording['episodes'])} episodes, {steps} steps -> {args.out}")


if __name__ == "__main__":
    main()
