#!/usr/bin/env python3
"""Checks an ONNX policy written by `a3c export --format onnx` against the trace that
`a3c export --trace` recorded from the Swift policy: onnx.checker accepts the model, and
onnxruntime, replaying the trace's observations one step at a time (the recurrent state zeroed at
each episode start and carried from `state_out` otherwise), gives the same discrete actions and
continuous actions and values within the tolerance.

    python onnx_check.py policy.onnx trace.json [--tolerance 1e-5]

Needs onnx, onnxruntime and numpy (a venv outside the project). Exit status 0 when every step
agrees, 1 with the first disagreements otherwise.
"""
import argparse
import json
import sys

import numpy as np
import onnx
import onnxruntime


def close(got, want, tolerance):
    """Within `tolerance`, relative to the reference's magnitude when it is above 1."""
    return abs(got - want) <= tolerance * max(1.0, abs(want))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="the .onnx file")
    parser.add_argument("trace", help="the JSON trace of the Swift policy")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()

    model = onnx.load(args.model)
    onnx.checker.check_model(model, full_check=True)
    with open(args.trace) as f:
        trace = json.load(f)

    session = onnxruntime.InferenceSession(args.model, providers=["CPUExecutionProvider"])
    inputs = {i.name for i in session.get_inputs()}
    recurrent = "state" in inputs
    state_size = trace["stateSize"]
    if recurrent != (state_size > 0):
        sys.exit(f"the model {'has' if recurrent else 'has no'} state input but the trace's state size is {state_size}")
    discrete = session.get_outputs()[0].type == "tensor(int64)"
    if discrete != (trace["actionWidth"] == 1 and "logits" in {o.name for o in session.get_outputs()}):
        sys.exit("the model's action output does not match the trace's action width")

    state = np.zeros((1, state_size), dtype=np.float32)
    failures = []
    worst_value = worst_action = 0.0
    for step, (start, observation, action, value) in enumerate(
            zip(trace["episodeStarts"], trace["observations"], trace["actions"], trace["values"])):
        feed = {"observation": np.asarray([observation], dtype=np.float32)}
        if recurrent:
            if start:
                state[:] = 0
            feed["state"] = state
        outputs = dict(zip([o.name for o in session.get_outputs()], session.run(None, feed)))
        if recurrent:
            state = outputs["state_out"]
        got_value = float(outputs["value"][0])
        worst_value = max(worst_value, abs(got_value - value) / max(1.0, abs(value)))
        if not close(got_value, value, args.tolerance):
            failures.append(f"step {step}: value {got_value} against {value}")
        if discrete:
            if int(outputs["action"][0]) != int(action[0]):
                failures.append(f"step {step}: action {int(outputs['action'][0])} against {int(action[0])}")
        else:
            for got, want in zip(outputs["action"][0].tolist(), action):
                worst_action = max(worst_action, abs(got - want) / max(1.0, abs(want)))
                if not close(got, want, args.tolerance):
                    failures.append(f"step {step}: action {got} against {want}")

    steps = len(trace["observations"])
    kind = "discrete" if discrete else "continuous"
    print(f"{args.model}: onnx.checker passed; {steps} steps of {trace['envID']} ({kind}"
          f"{', recurrent' if recurrent else ''}): {len(failures)} disagreements; largest relative difference "
          f"value {worst_value:.2e}" + ("" if discrete else f", action {worst_action:.2e}"))
    for failure in failures[:10]:
        print("  " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
