"""Steps per second of minatar's own games in Python, as a3c-bench envs measures ours: one
environment, uniform random actions over all six (drawn beforehand, so that only the game is timed),
each step `act` and `state()` (the observation), a reset at each episode's end.
Prints one JSON object: {"peer", "game", "steps", "seconds", "steps_per_second"}.
Usage: minatar_speed.py --game breakout --steps 200000 [--seed 1]   (needs minatar==1.0.15)
"""
import argparse
import json
import time
from importlib.metadata import version

import numpy as np
from minatar import Environment


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--game", required=True, choices=["asterix", "breakout", "freeway", "seaquest", "space_invaders"])
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    env = Environment(args.game)
    env.seed(args.seed)
    env.reset()
    actions = np.random.RandomState(args.seed).randint(6, size=args.steps).tolist()
    start = time.perf_counter()
    for action in actions:
        _, terminal = env.act(action)
        env.state()
        if terminal:
            env.reset()
            env.state()
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": f"minatar {version('minatar')}", "game": args.game, "steps": args.steps,
                      "seconds": seconds, "steps_per_second": args.steps / seconds}))


if __name__ == "__main__":
    main()
