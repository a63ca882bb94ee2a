"""Records minatar 1.0.15 episodes for the native games' replay tests.

For each seed: `Environment(game)` (all six actions, sticky actions with probability 0.1, difficulty
ramping), `seed(S)` and `reset()`, then EPISODES episodes in a row (the later ones reset without
re-seeding, so the stream and the sticky action carry over, as minatar's do), each of at most
MAX_STEPS steps of actions drawn uniformly from the six by numpy's RandomState(S + 10000), or for
Breakout with --catch, 9 times in 10 the action that moves the paddle (left 1, right 3, noop 0)
towards where the ball will come down (run on from minatar's own state), so that episodes last long
enough to clear walls; for Asterix with --dodge, 9 times in 10 a move away from enemies (towards
gold), so that episodes last through several difficulty ramps; for Space Invaders with --evade, 9
times in 10 a move away from shots, else a shot or a move under the nearest alien, so that blocks
are cleared.
With --prefer A P, action A is taken with probability P instead (Freeway's up, 2, to cross).
With --minimal-actions the actions are recorded as indices into the game's minimal action set, as
the -v1 ids take them ("action_set": "minimal"; otherwise "all").
Writes JSON: {"minatar", "game", "channels", "records": [{"seed", "episodes": [{"actions",
"rewards", "terminals", "boards"}]}]}, where boards[0] is the board after the reset and boards[t]
after step t. A board is the hex string of its 10·10·channels cells in channels-last order (cell
(y, x, c) is bit (y·10 + x)·channels + c, most significant bit first, 4 bits a hex digit), or with
--hash-boards the FNV-1a 64-bit hash of that string's bytes, as 16 hex digits (for long episodes).
Usage: minatar_record.py --game breakout --seeds 1 2 3 --out FILE.json [--episodes 3] [--max-steps 2000]
       [--catch | --dodge | --evade | --dive] [--prefer A P] [--hash-boards]
"""
import argparse
import json
from importlib.metadata import version

import numpy as np
from minatar import Environment


def hex_board(state):
    bits = state.astype(np.uint8).reshape(-1)
    padded = np.concatenate([bits, np.zeros((-len(bits)) % 4, dtype=np.uint8)])
    digits = padded.reshape(-1, 4) @ np.array([8, 4, 2, 1])
    return "".join("0123456789abcdef"[d] for d in digits)


def catching_action(game):
    """Breakout: the paddle towards the column where the ball will come down to row 8, found by
    running the ball on from minatar's own state (position, direction, bricks) by the game's rules."""
    x, y, direction, strike = game.ball_x, game.ball_y, game.ball_dir, game.strike
    bricks = game.brick_map.copy()
    for _ in range(60):
        if y == 8 and direction in (2, 3):
            break
        last_y = y
        dx, dy = [(-1, -1), (1, -1), (1, 1), (-1, 1)][direction]
        x, y = x + dx, y + dy
        hit = False
        if x < 0 or x > 9:
            x = min(max(x, 0), 9)
            direction = [1, 0, 3, 2][direction]
        if y < 0:
            y = 0
            direction = [3, 2, 1, 0][direction]
        elif bricks[y, x] == 1:
            hit = True
            if not strike:
                strike = True
                bricks[y, x] = 0
                y = last_y
                direction = [3, 2, 1, 0][direction]
        elif y > 8:
            y = 8
            direction = [3, 2, 1, 0][direction]
        if not hit:
            strike = False
    return 0 if x == game.pos else (1 if x < game.pos else 3)


def dodging_action(game, chooser):
    """Asterix: a move (noop, left, up, right, down) whose cell holds no enemy and is not the next
    cell of one, preferring gold, ties broken at random; read from minatar's own state."""
    moves = {0: (0, 0), 1: (-1, 0), 2: (0, -1), 3: (1, 0), 4: (0, 1)}
    danger, gold = set(), set()
    for entity in game.entities:
        if entity is None:
            continue
        x, y, right, is_gold = entity
        if is_gold:
            gold.add((x, y))
        else:
            danger.update({(x, y), (x + (1 if right else -1), y)})
    scored = []
    for action, (dx, dy) in moves.items():
        cell = (min(max(game.player_x + dx, 0), 9), min(max(game.player_y + dy, 1), 8))
        scored.append(((cell not in danger) * 2 + (cell in gold), chooser.rand(), action))
    return max(scored)[2]


def evading_action(game, chooser):
    """Space Invaders: away from an enemy shot about to reach the cannon's column, else fire, or
    move under the block's leading column (narrowing the block delays its descent); read from
    minatar's own state."""
    def threatened(x):
        return x < 0 or x > 9 or game.e_bullet_map[6:9, x].any() or game.alien_map[8:10, x].any()
    if threatened(game.pos):
        safe = [action for action, dx in ((1, -1), (3, 1), (0, 0)) if not threatened(game.pos + dx)]
        return safe[chooser.randint(len(safe))] if safe else 0
    if game.shot_timer == 0 and game.alien_map[:, game.pos].any():
        return 5
    columns = [x for x in range(10) if game.alien_map[:, x].any()]
    target = (min(columns) if game.alien_dir < 0 else max(columns)) if columns else game.pos
    return 0 if target == game.pos else (1 if target < game.pos else 3)


def diving_action(game, chooser):
    """Seaquest: surface when the oxygen runs low with a diver aboard or when 6 are; else dodge an
    enemy or shot closing in on the sub's row, shoot one ahead, or swim towards the nearest diver;
    read from minatar's own state."""
    x, y = game.sub_x, game.sub_y
    if y > 0 and (game.diver_count == 6 or (game.diver_count != 0 and game.oxygen < 40 + 6 * y)):
        return 2
    threats = [(e[0], e[1]) for e in game.e_fish + game.e_subs + game.e_bullets]
    if any(ty == y and abs(tx - x) <= 2 for tx, ty in threats):
        return 4 if y < 8 and not any(ty == y + 1 and abs(tx - x) <= 1 for tx, ty in threats) else 2
    enemies = [e for e in game.e_fish + game.e_subs if e[1] == y]
    if enemies and game.shot_timer == 0:
        facing_enemy = any((e[0] > x) == game.sub_or for e in enemies)
        return 5 if facing_enemy else (3 if enemies[0][0] > x else 1)
    if game.divers:
        dx, dy = min(((d[0] - x, d[1] - y) for d in game.divers), key=lambda d: abs(d[0]) + abs(d[1]))
        if dy:
            return 4 if dy > 0 else 2
        if dx:
            return 3 if dx > 0 else 1
    return 4 if y < 4 else [0, 1, 3][chooser.randint(3)]


def fnv1a(text):
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return format(value, "016x")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--game", required=True, choices=["asterix", "breakout", "freeway", "seaquest", "space_invaders"])
    parser.add_argument("--seeds", type=int, nargs="+", required=True)
    parser.add_argument("--episodes", type=int, default=3)
    parser.add_argument("--max-steps", type=int, default=2000)
    parser.add_argument("--out", required=True)
    parser.add_argument("--catch", action="store_true", help="Breakout: mostly move the paddle to catch the ball")
    parser.add_argument("--dodge", action="store_true", help="Asterix: mostly step away from enemies, towards gold")
    parser.add_argument("--evade", action="store_true", help="Space Invaders: mostly evade shots, aim and fire")
    parser.add_argument("--dive", action="store_true", help="Seaquest: mostly collect divers, shoot, dodge and surface")
    parser.add_argument("--prefer", nargs=2, type=float, metavar=("ACTION", "PROBABILITY"))
    parser.add_argument("--hash-boards", action="store_true")
    parser.add_argument("--minimal-actions", action="store_true",
                        help="record indices into the game's minimal action set (the -v1 ids'); a policy's "
                             "action outside it becomes noop")
    args = parser.parse_args()
    minimal = Environment(args.game).minimal_action_set()
    records = []
    for seed in args.seeds:
        env = Environment(args.game)
        env.seed(seed)
        chooser = np.random.RandomState(seed + 10000)
        episodes = []
        for _ in range(args.episodes):
            env.reset()
            board = (lambda state: fnv1a(hex_board(state))) if args.hash_boards else hex_board
            episode = {"actions": [], "rewards": [], "terminals": [], "boards": [board(env.state())]}
            for _ in range(args.max_steps):
                action = int(chooser.randint(6))
                if args.catch and chooser.rand() < 0.9:
                    action = catching_action(env.env)
                if args.dodge and chooser.rand() < 0.9:
                    action = dodging_action(env.env, chooser)
                if args.evade:
                    action = evading_action(env.env, chooser)
                if args.dive and chooser.rand() < 0.9:
                    action = diving_action(env.env, chooser)
                if args.prefer and chooser.rand() < args.prefer[1]:
                    action = int(args.prefer[0])
                if args.minimal_actions:
                    action = minimal.index(action) if action in minimal else 0
                reward, terminal = env.act(minimal[action] if args.minimal_actions else action)
                episode["actions"].append(action)
                episode["rewards"].append(float(reward))
                episode["terminals"].append(bool(terminal))
                episode["boards"].append(board(env.state()))
                if terminal:
                    break
            episodes.append(episode)
        records.append({"seed": seed, "episodes": episodes})
    channels = Environment(args.game).state_shape()[2]
    with open(args.out, "w") as f:
        json.dump({"minatar": version("minatar"), "game": args.game, "channels": channels,
                   "hashed_boards": args.hash_boards,
                   "action_set": "minimal" if args.minimal_actions else "all", "records": records}, f)


if __name__ == "__main__":
    main()
