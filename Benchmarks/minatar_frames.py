"""Writes minatar's pictures for the native drawing's test: for each game, the colours seaborn's
"cubehelix" palette gives its channels (minatar's display and its gymnasium rgb_array), and the
rgb_array of the board after a seeded reset and STEPS uniform actions (all six, drawn by numpy's
RandomState(seed + 10000)), as 8-bit colours (round(255 · value)), row by row.
Writes JSON: {"minatar", "games": [{"game", "seed", "actions", "palette": [[r, g, b], ...],
"pixels": [[[r, g, b] × 10] × 10]}]}.
Usage: minatar_frames.py --seed 1 --steps 60 --out frames.json   (needs minatar==1.0.15, seaborn)
"""
import argparse
import json
from importlib.metadata import version

import numpy as np
from minatar.gym import BaseEnv


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    games = []
    for game in ["asterix", "breakout", "freeway", "seaquest", "space_invaders"]:
        env = BaseEnv(game, render_mode="rgb_array")
        env.reset(seed=args.seed)
        chooser = np.random.RandomState(args.seed + 10000)
        actions = []
        for _ in range(args.steps):
            action = int(chooser.randint(6))
            _, _, terminated, _, _ = env.step(action)
            actions.append(action)
            if terminated:
                break
        def eight_bit(values):
            return [int(round(255 * float(v))) for v in values]
        import seaborn as sns
        palette = [eight_bit(c) for c in sns.color_palette("cubehelix", env.game.n_channels)]
        pixels = [[eight_bit(cell) for cell in row] for row in env.render()]
        games.append({"game": game, "seed": args.seed, "actions": actions, "palette": palette, "pixels": pixels})
    with open(args.out, "w") as f:
        json.dump({"minatar": version("minatar"), "games": games}, f)


if __name__ == "__main__":
    main()
