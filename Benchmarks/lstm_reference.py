"""Write a PyTorch LSTM reference fixture as JSON.

Builds a one-layer torch.nn.LSTM in float64 with seeded random weights,
runs it on a seeded input from non-zero initial states, and writes the
weights, input, initial states, output and final states (flat, row-major)
so the Swift LSTM can be checked against PyTorch.

Run (in a venv with torch and numpy installed):
    python Benchmarks/lstm_reference.py --out Tests/EngineTests/Fixtures/lstm_pytorch.json
"""

import argparse
import json
import sys

import numpy as np
import torch


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="JSON file to write")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--input-size", type=int, default=3)
    p.add_argument("--hidden-size", type=int, default=4)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--sequences", type=int, default=2)
    return p.parse_args(argv)


def flat(t):
    # Row-major list of Python floats (full double precision in JSON).
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def build_lstm(rng, n_in, n_hidden):
    lstm = torch.nn.LSTM(n_in, n_hidden, num_layers=1, batch_first=False).double()
    with torch.no_grad():
        # Fixed order so the fixture depends only on the seed.
        for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
            param = getattr(lstm, name)
            param.copy_(torch.from_numpy(rng.uniform(-0.8, 0.8, tuple(param.shape))))
    return lstm


def main(argv=None):
    args = parse_args(argv)
    n_in, n_h, steps, batch = args.input_size, args.hidden_size, args.steps, args.sequences
    rng = np.random.default_rng(args.seed)

    lstm = build_lstm(rng, n_in, n_h)
    x = torch.from_numpy(rng.uniform(-1.5, 1.5, (steps, batch, n_in)))
    h0 = torch.from_numpy(rng.uniform(-0.9, 0.9, (batch, n_h)))
    c0 = torch.from_numpy(rng.uniform(-0.9, 0.9, (batch, n_h)))

    with torch.no_grad():
        out, (h_t, c_t) = lstm(x, (h0.unsqueeze(0), c0.unsqueeze(0)))

    command = "python Benchmarks/lstm_reference.py " + " ".join(
        sys.argv[1:] if argv is None else argv)
    fixture = {
        "inputSize": n_in,
        "hiddenSize": n_h,
        "steps": steps,
        "sequences": batch,
        "generator": f"torch {torch.__version__}: {command}",
        "weightIH": flat(lstm.weight_ih_l0),  # 4H x In, gates i, f, g, o
        "weightHH": flat(lstm.weight_hh_l0),  # 4H x H
        "biasIH": flat(lstm.bias_ih_l0),
        "biasHH": flat(lstm.bias_hh_l0),
        "input": flat(x),  # T x B x In
        "h0": flat(h0),  # B x H
        "c0": flat(c0),
        "output": flat(out),  # T x B x H
        "hT": flat(h_t[0]),
        "cT": flat(c_t[0]),
    }
    with open(args.out, "w") as f:
        json.dump(fixture, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
