"""Stable-Baselines3 A2C on a gymnasium task, timed like `a3c-bench peers` times ours.

Prints one JSON object on its last line: peer, env, seed, solved, seconds (wall, from the first
step), steps, steps_per_second, mean100 (mean return of the last 100 episodes at the end).
"""
import argparse
import json
import time
from collections import deque

import gymnasium as gym
from stable_baselines3 import A2C
from stable_baselines3.common.callbacks import BaseCallback
from stable_baselines3.common.env_util import make_vec_env


class StopAtThreshold(BaseCallback):
    """Tracks finished episodes' returns; stops at the threshold (if any) or the wall budget."""

    def __init__(self, threshold, max_seconds):
        super().__init__()
        self.threshold = threshold
        self.max_seconds = max_seconds
        self.returns = deque(maxlen=100)
        self.solved_at = None

    def _on_training_start(self):
        self.start = time.perf_counter()

    def _on_step(self):
        for info in self.locals["infos"]:
            episode = info.get("episode")
            if episode is not None:
                self.returns.append(episode["r"])
        if self.threshold is not None and len(self.returns) == 100 and sum(self.returns) / 100 >= self.threshold:
            self.solved_at = time.perf_counter() - self.start
            return False
        return time.perf_counter() - self.start < self.max_seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--env", required=True)
    parser.add_argument("--threshold", type=float, help="stop when the mean of the last 100 returns reaches it")
    parser.add_argument("--max-steps", type=int, required=True)
    parser.add_argument("--max-seconds", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--zoo", action="store_true",
                        help="rl-zoo's tuned LunarLander hyperparameters (gamma 0.995, lr linear from 8.3e-4, "
                             "ent_coef 1e-5); otherwise SB3's defaults")
    args = parser.parse_args()

    import torch
    torch.set_num_threads(1)
    env = make_vec_env(args.env, n_envs=8, seed=args.seed)
    settings = dict(gamma=0.995, n_steps=5, learning_rate=lambda remaining: 8.3e-4 * remaining, ent_coef=1e-5) if args.zoo else {}
    model = A2C("MlpPolicy", env, seed=args.seed, device="cpu", **settings)
    callback = StopAtThreshold(args.threshold, args.max_seconds)
    start = time.perf_counter()
    model.learn(total_timesteps=args.max_steps, callback=callback)
    seconds = time.perf_counter() - start
    steps = model.num_timesteps
    returns = list(callback.returns)
    print(json.dumps({
        "peer": "Stable-Baselines3 A2C" + (" (rl-zoo)" if args.zoo else ""),
        "env": args.env, "seed": args.seed, "solved": callback.solved_at is not None,
        "seconds": callback.solved_at if callback.solved_at is not None else seconds,
        "steps": steps, "steps_per_second": steps / seconds,
        "mean100": sum(returns) / len(returns) if returns else None,
    }))


if __name__ == "__main__":
    main()
