"""numpy's legacy RandomState draws that MinAtar makes, recorded for Tests/SeededRandomTests.

For each seed: the first raw 32-bit outputs of MT19937 as RandomState(seed) seeds it, then a fixed
script of the calls MinAtar uses (rand(), rand(8), randint(n), randint(low, high), randint(1, 6, 8)),
each call's result in order. Usage: numpy_random_reference.py --seeds 0 1 42 --out FILE.json
"""
import argparse
import json

import numpy as np

# (name, arguments) of each call, in order; the Swift test runs the same script.
SCRIPT = [("rand", []), ("randint", [2]), ("randint", [1, 9]), ("rand_n", [8]), ("randint", [1]),
          ("randint", [7]), ("randint_n", [1, 6, 8]), ("randint", [10]), ("rand", []), ("randint", [3]),
          ("randint", [1000]), ("randint", [0, 5])]


def call(rs, name, arguments):
    if name == "rand":
        return [float(rs.rand())]
    if name == "rand_n":
        return [float(x) for x in rs.rand(*arguments)]
    if name == "randint":
        return [int(rs.randint(*arguments))]
    if name == "randint_n":
        low, high, size = arguments
        return [int(x) for x in rs.randint(low, high, size)]
    raise ValueError(name)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, nargs="+", required=True)
    parser.add_argument("--rounds", type=int, default=40, help="times the script runs per seed")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    records = []
    for seed in args.seeds:
        raw = np.random.RandomState(seed).randint(0, 2**32, size=700, dtype=np.uint32)
        rs = np.random.RandomState(seed)
        calls = [call(rs, name, arguments) for _ in range(args.rounds) for name, arguments in SCRIPT]
        records.append({"seed": seed, "raw": [int(x) for x in raw], "calls": calls})
    with open(args.out, "w") as f:
        json.dump({"numpy": np.__version__, "script": SCRIPT, "rounds": args.rounds, "records": records}, f)


if __name__ == "__main__":
    main()
