#!/usr/bin/env python3
"""Evaluate an a3c checkpoint in gymnasium's own environment.

Loads the JSON that `a3c train --save` writes, rebuilds the actor network with numpy and runs
its deterministic policy (most probable action, or the Gaussian mean) for a number of episodes
in `gymnasium.make(envID)`, with the registered time limit, then prints the mean return.
This checks the learning where no one here wrote the environment. Needs numpy and gymnasium
(`pip install "gymnasium[box2d]==1.4.0"` for the Box2D tasks), in a virtual environment of
your own; the package's tests never call it.

    python Benchmarks/gymnasium_check.py runs/lander.json --episodes 100 --seed 0
"""

import argparse
import base64
import json
import sys

import numpy as np

FORMAT = "a3c-swift checkpoint"
READABLE_VERSIONS = (1, 2)
OBSERVATION_CLIP = 10.0  # ObservationScaler.clip
VARIANCE_EPSILON = 1e-8  # RunningMeanStd.scaler


class CheckpointError(Exception):
    """A checkpoint this script cannot use; the message names the field and what was expected."""


def fnv1a64(data: bytes) -> int:
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def activation(name):
    functions = {
        "identity": lambda z: z,
        "tanh": np.tanh,
        "relu": lambda z: np.maximum(z, 0),
        "silu": lambda z: z / (1 + np.exp(-z)),
    }
    if name not in functions:
        raise CheckpointError(f'architecture.activation "{name}" is unknown: expected one of {", ".join(functions)}')
    return functions[name]


class Policy:
    """The actor of an ActorCriticNetwork: the layout of Sources/Engine/ActorCriticNetwork.swift.

    Parameters are one float32 vector: the trunk's layers (shared architectures), then the actor's
    layers ending in the policy head, then the critic's, then the Gaussian log-std. Each layer is
    W (outputs x inputs, row-major) followed by b; hidden layers apply the activation, heads none.
    """

    def __init__(self, checkpoint: dict):
        if checkpoint.get("format") != FORMAT:
            raise CheckpointError(f'format tag is {checkpoint.get("format")!r}: expected "{FORMAT}"')
        if checkpoint.get("version") not in READABLE_VERSIONS:
            raise CheckpointError(f'format version {checkpoint.get("version")} is not one of {READABLE_VERSIONS}')
        self.env_id = checkpoint["envID"]
        arch = checkpoint["architecture"]
        self.observation_size = int(arch["observationSize"])
        policy = arch["policy"]
        if "categorical" in policy:
            self.discrete, outputs = True, int(policy["categorical"]["actions"])
        elif "gaussian" in policy:
            self.discrete, outputs = False, int(policy["gaussian"]["dimensions"])
        else:
            raise CheckpointError(f"architecture.policy {policy} is neither categorical nor gaussian")
        hidden = [int(w) for w in arch["hidden"]]
        act = activation(arch["activation"])

        raw = base64.b64decode(checkpoint["parameters"], validate=True)
        count = int(checkpoint["parameterCount"])
        if len(raw) != 4 * count:
            raise CheckpointError(f"parameters hold {len(raw)} bytes: expected 4 x parameterCount = {4 * count}")
        if fnv1a64(raw) != int(checkpoint["checksum"], 16):
            raise CheckpointError("parameter checksum does not match: the file is corrupt")
        params = np.frombuffer(raw, dtype="<f4").astype(np.float32)

        offset = 0
        layers = []  # (W, b, activation) in layout order

        def take(inputs, outputs, function):
            nonlocal offset
            w = params[offset:offset + inputs * outputs].reshape(outputs, inputs)
            offset += inputs * outputs
            b = params[offset:offset + outputs]
            offset += outputs
            layers.append((w, b, function))

        width = self.observation_size
        if arch["sharedTrunk"]:
            for w in hidden:
                take(width, w, act)
                width = w
            take(width, outputs, None)  # policy head
            self.actor = layers[:]
            take(width, 1, None)  # value head
        else:
            for w in hidden:
                take(width, w, act)
                width = w
            take(width, outputs, None)
            self.actor = layers[:]
            width = self.observation_size
            for w in hidden:
                take(width, w, act)
                width = w
            take(width, 1, None)
        if not self.discrete:
            offset += outputs  # log-std: unused by the deterministic policy
        if offset != count:
            raise CheckpointError(f"the architecture has {offset} parameters, parameterCount is {count}")

        stats = checkpoint.get("observationStatistics")
        if stats:
            mean = np.asarray(stats["mean"], dtype=np.float64)
            variance = np.asarray(stats["variance"], dtype=np.float64)
            if mean.shape != (self.observation_size,) or variance.shape != (self.observation_size,):
                raise CheckpointError(f"observationStatistics must hold {self.observation_size} means and variances")
            self.shift = mean.astype(np.float32)
            self.scale = (1 / np.sqrt(variance + VARIANCE_EPSILON)).astype(np.float32)
        else:
            self.shift = self.scale = None

    def act(self, observation):
        x = np.asarray(observation, dtype=np.float32)
        if self.shift is not None:
            x = np.clip((x - self.shift) * self.scale, -OBSERVATION_CLIP, OBSERVATION_CLIP)
        for w, b, function in self.actor:
            x = w @ x + b
            if function is not None:
                x = function(x)
        return int(np.argmax(x)) if self.discrete else x


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", help="a JSON checkpoint written by `a3c train --save`")
    parser.add_argument("--episodes", type=int, default=100, help="episodes to run (default 100)")
    parser.add_argument("--seed", type=int, default=0, help="episode k is reset with seed S + k (default 0)")
    args = parser.parse_args()
    if args.episodes < 1:
        parser.error(f"--episodes must be at least 1, got {args.episodes}")

    try:
        with open(args.checkpoint, encoding="utf-8") as file:
            policy = Policy(json.load(file))
    except (OSError, ValueError, KeyError, TypeError, CheckpointError) as error:
        sys.exit(f"cannot use checkpoint {args.checkpoint}: {error}")

    import gymnasium as gym

    env = gym.make(policy.env_id)
    if env.observation_space.shape != (policy.observation_size,):
        sys.exit(f"{policy.env_id}'s observations have shape {env.observation_space.shape}, the network takes {policy.observation_size}")
    returns, lengths = [], []
    for k in range(args.episodes):
        observation, _ = env.reset(seed=args.seed + k)
        total, steps, done = 0.0, 0, False
        while not done:
            observation, reward, terminated, truncated, _ = env.step(policy.act(observation))
            total += float(reward)
            steps += 1
            done = terminated or truncated
        returns.append(total)
        lengths.append(steps)
    returns = np.asarray(returns)
    threshold = env.spec.reward_threshold
    print(f"{policy.env_id} in gymnasium {gym.__version__}, deterministic policy, {args.episodes} episodes, "
          f"seeds {args.seed}...{args.seed + args.episodes - 1}")
    print(f"return: {returns.mean():.2f} ± {returns.std():.2f}, mean length {np.mean(lengths):.1f}")
    if threshold is not None:
        print(f"at or above the reward threshold {threshold:g}: {100 * np.mean(returns >= threshold):.0f} %")


if __name__ == "__main__":
    main()
