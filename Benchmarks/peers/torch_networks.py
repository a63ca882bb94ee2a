"""PyTorch reference timings for the two actor-critic networks of a3c-bench's engine section.

On one thread (torch.set_num_threads(1)), float32, PyTorch's default initialisation:

- "minatar": (B, 4, 10, 10) -> Conv2d(4, 16, 3) -> ReLU -> flatten 1024 -> Linear(1024, 128)
  -> ReLU -> policy Linear(128, 6) and value Linear(128, 1); 132,695 parameters.
- "lstm": 4 -> nn.LSTM(4, 64) (one layer, seq-first) -> policy Linear(64, 2) and value Linear(64, 1).

Measured, in microseconds per call (median over repeats after a warm-up, each measurement
running for a fixed wall budget):

- act: one observation, forward (both heads) under torch.no_grad() and argmax of the logits;
  the LSTM carries its (h, c) state of batch 1 from call to call.
- update: zero_grad, forward over a batch, an A2C loss (advantage-weighted cross-entropy,
  0.5 * MSE value term, 0.01 entropy bonus), backward and an Adam step (lr 1e-4); MinAtar at
  batches 5, 32 and 256, the LSTM over a T=32 rollout of 1 and 8 sequences from a given
  initial state (truncated BPTT over the 32 steps).

Run it with a Python that has torch, e.g. `python Benchmarks/peers/torch_networks.py`
(`--seconds S` per measurement, default 1; `--quick` for 0.1 s). a3c-bench's engine section
runs it with the interpreter given by `--python`. Prints one JSON object on its last line.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn

REPEATS = 5


class MinAtarNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 16, 3, stride=1)
        self.hidden = nn.Linear(16 * 8 * 8, 128)
        self.policy = nn.Linear(128, 6)
        self.value = nn.Linear(128, 1)

    def forward(self, x):
        x = F.relu(self.conv(x)).flatten(1)
        x = F.relu(self.hidden(x))
        return self.policy(x), self.value(x).squeeze(-1)


class LSTMNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(4, 64)
        self.policy = nn.Linear(64, 2)
        self.value = nn.Linear(64, 1)

    def forward(self, x, state):
        # x: (T, B, 4); state: (h, c), each (1, B, 64)
        out, state = self.lstm(x, state)
        return self.policy(out), self.value(out).squeeze(-1), state


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())


def microseconds_per_call(fn, seconds):
    """Warm up, then REPEATS slices of seconds / REPEATS each; median µs per call."""
    slice_seconds = seconds / REPEATS
    warm_end = time.perf_counter() + min(0.2 * seconds, 0.2)
    fn()
    while time.perf_counter() < warm_end:
        fn()
    samples = []
    for _ in range(REPEATS):
        calls = 0
        start = time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= slice_seconds:
                break
        samples.append(1e6 * elapsed / calls)
    return statistics.median(samples)


def a2c_loss(logits, values, actions, advantages, returns):
    logits = logits.reshape(-1, logits.shape[-1])
    values = values.reshape(-1)
    policy = (F.cross_entropy(logits, actions, reduction="none") * advantages).mean()
    log_probs = F.log_softmax(logits, dim=-1)
    entropy = -(log_probs.exp() * log_probs).sum(-1).mean()
    return policy + 0.5 * F.mse_loss(values, returns) - 0.01 * entropy


def update_step(model, optimizer, forward, targets):
    optimizer.zero_grad()
    logits, values = forward()
    loss = a2c_loss(logits, values, *targets)
    loss.backward()
    optimizer.step()


def random_targets(rows, actions, generator):
    return (torch.randint(actions, (rows,), generator=generator),
            torch.randn(rows, generator=generator),
            torch.randn(rows, generator=generator))


def bench_minatar(seconds, generator):
    model = MinAtarNet()
    parameters = parameter_count(model)
    assert parameters == 132_695, parameters
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

    board = (torch.rand(1, 4, 10, 10, generator=generator) < 0.1).float()

    def act():
        with torch.no_grad():
            logits, _ = model(board)
            return int(logits.argmax(-1))

    result = {"act_us": microseconds_per_call(act, seconds), "update_us": {}, "parameters": parameters}
    for batch in (5, 32, 256):
        obs = (torch.rand(batch, 4, 10, 10, generator=generator) < 0.1).float()
        targets = random_targets(batch, 6, generator)
        result["update_us"][str(batch)] = microseconds_per_call(
            lambda: update_step(model, optimizer, lambda: model(obs), targets), seconds)
    return result


def bench_lstm(seconds, generator, rollout=32):
    model = LSTMNet()
    parameters = parameter_count(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)

    observation = torch.randn(1, 1, 4, generator=generator)
    state = [(torch.full((1, 1, 64), 0.1), torch.full((1, 1, 64), 0.1))]  # carried across calls

    def act():
        with torch.no_grad():
            logits, _, state[0] = model(observation, state[0])
            return int(logits.argmax(-1))

    result = {"act_us": microseconds_per_call(act, seconds), "update_us": {}, "parameters": parameters}
    for sequences in (1, 8):
        obs = torch.randn(rollout, sequences, 4, generator=generator)
        initial = (torch.full((1, sequences, 64), 0.1), torch.full((1, sequences, 64), 0.1))
        targets = random_targets(rollout * sequences, 2, generator)

        def forward():
            logits, values, _ = model(obs, initial)
            return logits, values

        result["update_us"][f"T{rollout}xB{sequences}"] = microseconds_per_call(
            lambda: update_step(model, optimizer, forward, targets), seconds)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=1.0, help="wall budget per measurement (default 1)")
    parser.add_argument("--quick", action="store_true", help="0.1 s per measurement")
    args = parser.parse_args()
    seconds = 0.1 if args.quick else args.seconds

    torch.set_num_threads(1)
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(1)
    print(json.dumps({
        "torch": torch.__version__, "threads": torch.get_num_threads(), "seconds": seconds,
        "minatar": bench_minatar(seconds, generator),
        "lstm": bench_lstm(seconds, generator),
    }))


if __name__ == "__main__":
    main()
