"""Stable-Baselines3 A2C on a gymnasium task, timed like `a3c-bench peers` times ours.

Prints one JSON object on its last line: peer, env, seed, solved, seconds (wall, from the first
step), steps, steps_per_second, mean100 (mean return of the last 100 episodes at the end).
"""
import argparse
import json
import time

from peer_common import StopAtThreshold
from stable_baselines3 import A2C
from stable_baselines3.common.env_util import make_vec_env


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
    peer = "Stable-Baselines3 A2C" + (" (rl-zoo)" if args.zoo else "")
    print(json.dumps(callback.outcome(peer, args.env, args.seed, seconds, model.num_timesteps)))


if __name__ == "__main__":
    main()
