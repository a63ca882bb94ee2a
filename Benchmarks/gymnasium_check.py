#!/usr/bin/env python3
"""Evaluate an a3c checkpoint in gymnasium's own environment.

Loads the JSON that `a3c train --save` writes, rebuilds the actor network with numpy and runs
its deterministic policy (most probable action, or the Gaussian mean) for a number of episodes
in `gymnasium.make(envID)`, with the registered time limit, then prints the mean return.
This checks the learning where no one here wrote the environment. Needs numpy and gymnasium
(`pip install "gymnasium[box2d]==1.4.0"` for the Box2D tasks, `pip install minatar==1.0.15` for
MinAtar's games), in a virtual environment of your own; the package's tests never call it.

    python Benchmarks/gymnasium_check.py runs/lander.json --episodes 100 --seed 0
"""

import argparse
import base64
import json
import sys

import numpy as np

FORMAT = "a3c-swift checkpoint"
READABLE_VERSIONS = (1, 2, 3)
MANIFEST_VERSION = 3  # the first format with the tensor manifest "tensors"
OBSERVATION_CLIP = 10.0  # ObservationScaler.clip
VARIANCE_EPSILON = 1e-8  # RunningMeanStd.scaler
TORSO_LAYERS = {"dense": ("units",), "conv2d": ("filters", "kernel", "stride"), "lstm": ("units",), "flatten": ()}


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


def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))  # no overflow for large |z|


def positive_int(value, field):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CheckpointError(f"{field} is {value!r}: expected a positive whole number")
    return value


def parse_torso(layers):
    """architecture.torso (Swift's Codable of TorsoLayer) as (kind, {field: value}) pairs."""
    if not isinstance(layers, list):
        raise CheckpointError(f"architecture.torso is {layers!r}: expected a list of layers")
    torso = []
    for i, layer in enumerate(layers):
        if not isinstance(layer, dict) or len(layer) != 1 or next(iter(layer)) not in TORSO_LAYERS:
            raise CheckpointError(f"architecture.torso[{i}] is {layer!r}: expected one of "
                                  '{"dense": {"units": N}}, {"conv2d": {"filters": F, "kernel": K, "stride": S}}, '
                                  '{"lstm": {"units": N}}, {"flatten": {}}')
        kind, fields = next(iter(layer.items()))
        if not isinstance(fields, dict) or set(fields) != set(TORSO_LAYERS[kind]):
            raise CheckpointError(f"architecture.torso[{i}].{kind} is {fields!r}: expected the fields "
                                  f"{', '.join(TORSO_LAYERS[kind]) or '(none)'}")
        torso.append((kind, {name: positive_int(fields[name], f"architecture.torso[{i}].{kind}.{name}")
                             for name in TORSO_LAYERS[kind]}))
    return torso


def legacy_manifest(observation_size, hidden, shared, outputs, gaussian):
    """The tensor manifest that formats 1 and 2 imply (they have no torso and no "tensors"): the
    layout of Sources/Engine/ParameterLayout.swift for a dense-only network. The trunk's layers
    (shared architectures), then the actor's ending in the policy head, then the critic's ending
    in the value head, then the Gaussian log-std; each layer is W (outputs x inputs, row-major)
    followed by b."""
    tensors, offset = [], 0

    def add(name, shape):
        nonlocal offset
        tensors.append({"name": name, "shape": list(shape), "offset": offset})
        offset += int(np.prod(shape))

    def dense(name, inputs, outputs):
        add(name + ".weight", (outputs, inputs))
        add(name + ".bias", (outputs,))

    def tower(name, inputs, widths, head):
        for i, width in enumerate(widths):
            dense(f"{name}.{i}", inputs, width)
            inputs = width
        dense(f"{name}.{len(widths)}", inputs, head)

    width = observation_size
    if shared:
        for j, next_width in enumerate(hidden):
            dense(f"trunk.{j}", width, next_width)
            width = next_width
        tower("actor", width, [], outputs)
        tower("critic", width, [], 1)
    else:
        tower("actor", width, hidden, outputs)
        tower("critic", width, hidden, 1)
    if gaussian:
        add("log_std", (outputs,))
    return tensors, offset


def read_manifest(tensors, count):
    """{name: (shape, offset)} after checking that the tensors tile the count parameters exactly."""
    if not isinstance(tensors, list) or not tensors:
        raise CheckpointError(f"tensors is {type(tensors).__name__}: expected a non-empty list of {{name, shape, offset}}")
    manifest = {}
    for i, tensor in enumerate(tensors):
        if not isinstance(tensor, dict) or not isinstance(tensor.get("name"), str):
            raise CheckpointError(f"tensors[{i}] is {tensor!r}: expected {{\"name\": str, \"shape\": [int], \"offset\": int}}")
        name, shape, offset = tensor["name"], tensor.get("shape"), tensor.get("offset")
        if not isinstance(shape, list) or not shape:
            raise CheckpointError(f'tensor "{name}" has shape {shape!r}: expected a list of positive whole numbers')
        shape = tuple(positive_int(d, f'tensor "{name}" shape') for d in shape)
        if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
            raise CheckpointError(f'tensor "{name}" has offset {offset!r}: expected a non-negative whole number')
        if name in manifest:
            raise CheckpointError(f'the tensor manifest names "{name}" twice')
        manifest[name] = (shape, offset)
    end = 0
    for name, (shape, offset) in sorted(manifest.items(), key=lambda item: item[1][1]):
        if offset != end:
            raise CheckpointError(f'tensor "{name}" starts at {offset}: expected {end}, where the one before it ends')
        end = offset + int(np.prod(shape))
    if end != count:
        raise CheckpointError(f"the tensor manifest covers {end} parameters, parameterCount is {count}")
    return manifest


class Dense:
    """y = f(W x + b) over the flattened input."""

    def __init__(self, weight, bias, function):
        self.weight, self.bias, self.function = weight, bias, function

    def __call__(self, x):
        y = self.weight @ x.reshape(-1) + self.bias
        return y if self.function is None else self.function(y)


class Conv2D:
    """F filters of K x K over a channels-last (H, W, C) input, stride S, no padding: output
    (H', W', F) with H' = (H - K) // S + 1; W is (F, K, K, C), each filter over a patch in input
    order (ky, kx, c)."""

    def __init__(self, weight, bias, stride, function):
        self.weight, self.bias, self.stride, self.function = weight, bias, stride, function

    def output_shape(self, shape):
        filters, kernel = self.weight.shape[0], self.weight.shape[1]
        return ((shape[0] - kernel) // self.stride + 1, (shape[1] - kernel) // self.stride + 1, filters)

    def __call__(self, x):
        kernel, stride = self.weight.shape[1], self.stride
        out_h, out_w, filters = self.output_shape(x.shape)
        y = np.empty((out_h, out_w, filters), dtype=np.result_type(x, self.weight))
        y[...] = self.bias
        for ky in range(kernel):
            for kx in range(kernel):
                cells = x[ky:ky + stride * (out_h - 1) + 1:stride, kx:kx + stride * (out_w - 1) + 1:stride, :]
                y += cells @ self.weight[:, ky, kx, :].T  # (H', W', C) @ (C, F)
        return y if self.function is None else self.function(y)


class LSTM:
    """PyTorch's nn.LSTM cell (gates i, f, g, o) over the flattened input; outputs h. The state
    (h, c) is zero after reset() and carried from step to step."""

    def __init__(self, weight_ih, weight_hh, bias_ih, bias_hh):
        self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh = weight_ih, weight_hh, bias_ih, bias_hh
        self.units = weight_hh.shape[1]
        self.reset()

    def reset(self):
        self.h = np.zeros(self.units, dtype=self.weight_hh.dtype)
        self.c = np.zeros(self.units, dtype=self.weight_hh.dtype)

    def __call__(self, x):
        n = self.units
        z = (self.weight_ih @ x.reshape(-1) + self.bias_ih) + (self.weight_hh @ self.h + self.bias_hh)
        i, f, g, o = sigmoid(z[:n]), sigmoid(z[n:2 * n]), np.tanh(z[2 * n:3 * n]), sigmoid(z[3 * n:])
        self.c = f * self.c + i * g
        self.h = o * np.tanh(self.c)
        return self.h


class Policy:
    """The actor of an ActorCriticNetwork, from the checkpoint's tensor manifest (format 3) or the
    manifest that the dense-only layout of formats 1 and 2 implies.

    Parameters are one float32 vector; the manifest names each tensor's shape and offset in it
    (row-major). The actor is the torso (architecture.torso: dense and conv2d apply the activation,
    an LSTM outputs h, flatten only reshapes), then the shared trunk's hidden layers and "actor.0"
    (sharedTrunk), or "actor.0..n-1" hidden layers and the head "actor.n"; the critic and the
    Gaussian log-std are not needed for the deterministic policy.
    """

    def __init__(self, checkpoint: dict):
        if checkpoint.get("format") != FORMAT:
            raise CheckpointError(f'format tag is {checkpoint.get("format")!r}: expected "{FORMAT}"')
        version = checkpoint.get("version")
        if version not in READABLE_VERSIONS:
            raise CheckpointError(f'format version {version} is not one of {READABLE_VERSIONS}')
        self.env_id = checkpoint["envID"]
        arch = checkpoint["architecture"]
        self.observation_size = int(arch["observationSize"])
        shape = arch.get("observationShape", [self.observation_size])
        if (not isinstance(shape, list) or not 1 <= len(shape) <= 3
                or not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in shape)
                or int(np.prod(shape)) != self.observation_size):
            raise CheckpointError(f"architecture.observationShape is {shape!r}: expected 1 to 3 positive whole numbers "
                                  f"whose product is observationSize = {self.observation_size}")
        self.observation_shape = tuple(shape)
        policy = arch["policy"]
        if "categorical" in policy:
            self.discrete, outputs = True, int(policy["categorical"]["actions"])
        elif "gaussian" in policy:
            self.discrete, outputs = False, int(policy["gaussian"]["dimensions"])
        else:
            raise CheckpointError(f"architecture.policy {policy} is neither categorical nor gaussian")
        hidden = [int(w) for w in arch["hidden"]]
        act = activation(arch["activation"])
        torso = parse_torso(arch.get("torso", []))

        raw = base64.b64decode(checkpoint["parameters"], validate=True)
        count = int(checkpoint["parameterCount"])
        if len(raw) != 4 * count:
            raise CheckpointError(f"parameters hold {len(raw)} bytes: expected 4 x parameterCount = {4 * count}")
        if fnv1a64(raw) != int(checkpoint["checksum"], 16):
            raise CheckpointError("parameter checksum does not match: the file is corrupt")
        params = np.frombuffer(raw, dtype="<f4").astype(np.float32)

        if version >= MANIFEST_VERSION:
            if "tensors" not in checkpoint:
                raise CheckpointError(f'format {version} needs the tensor manifest "tensors"')
            manifest = read_manifest(checkpoint["tensors"], count)
        else:
            if torso:
                raise CheckpointError(f"format {version} has no torso: architecture.torso must be empty, got {arch['torso']}")
            tensors, total = legacy_manifest(self.observation_size, hidden, bool(arch["sharedTrunk"]), outputs,
                                             not self.discrete)
            if total != count:
                raise CheckpointError(f"the architecture has {total} parameters, parameterCount is {count}")
            manifest = read_manifest(tensors, count)

        def tensor(name, expected):
            if name not in manifest:
                raise CheckpointError(f'the tensor manifest has no "{name}" (expected shape {list(expected)})')
            found, offset = manifest[name]
            if found != tuple(expected):
                raise CheckpointError(f'tensor "{name}" has shape {list(found)}: expected {list(expected)}')
            return params[offset:offset + int(np.prod(found))].reshape(found)

        self.actor = []  # layers in order, each a callable on the previous output
        shape = self.observation_shape
        for i, (kind, fields) in enumerate(torso):
            prefix, width = f"torso.{i}", int(np.prod(shape))
            if kind == "dense":
                units = fields["units"]
                self.actor.append(Dense(tensor(prefix + ".weight", (units, width)), tensor(prefix + ".bias", (units,)), act))
                shape = (units,)
            elif kind == "conv2d":
                filters, kernel, stride = fields["filters"], fields["kernel"], fields["stride"]
                if len(shape) != 3 or kernel > shape[0] or kernel > shape[1]:
                    raise CheckpointError(f"architecture.torso[{i}] (conv2d, kernel {kernel}) needs a (height, width, "
                                          f"channels) input of at least {kernel} x {kernel}, got shape {list(shape)}")
                conv = Conv2D(tensor(prefix + ".weight", (filters, kernel, kernel, shape[2])),
                              tensor(prefix + ".bias", (filters,)), stride, act)
                self.actor.append(conv)
                shape = conv.output_shape(shape)
            elif kind == "lstm":
                units = fields["units"]
                self.actor.append(LSTM(tensor(prefix + ".weight_ih", (4 * units, width)),
                                       tensor(prefix + ".weight_hh", (4 * units, units)),
                                       tensor(prefix + ".bias_ih", (4 * units,)),
                                       tensor(prefix + ".bias_hh", (4 * units,))))
                shape = (units,)
            else:  # flatten
                shape = (width,)
        width = int(np.prod(shape))
        if arch["sharedTrunk"]:
            for j, next_width in enumerate(hidden):
                self.actor.append(Dense(tensor(f"trunk.{j}.weight", (next_width, width)),
                                        tensor(f"trunk.{j}.bias", (next_width,)), act))
                width = next_width
            head = "actor.0"
        else:
            for j, next_width in enumerate(hidden):
                self.actor.append(Dense(tensor(f"actor.{j}.weight", (next_width, width)),
                                        tensor(f"actor.{j}.bias", (next_width,)), act))
                width = next_width
            head = f"actor.{len(hidden)}"
        self.actor.append(Dense(tensor(head + ".weight", (outputs, width)), tensor(head + ".bias", (outputs,)), None))

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

    @property
    def recurrent(self):
        return any(isinstance(layer, LSTM) for layer in self.actor)

    def reset(self):
        """Zero the recurrent state: call at each episode's start."""
        for layer in self.actor:
            if isinstance(layer, LSTM):
                layer.reset()

    def act(self, observation):
        x = np.asarray(observation, dtype=np.float32).reshape(-1)
        if x.size != self.observation_size:
            raise ValueError(f"an observation of {x.size} values: the network takes {self.observation_size}")
        if self.shift is not None:
            x = np.clip((x - self.shift) * self.scale, -OBSERVATION_CLIP, OBSERVATION_CLIP)
        x = x.reshape(self.observation_shape)  # channels-last, as the network was trained
        for layer in self.actor:
            x = layer(x)
        return int(np.argmax(x)) if self.discrete else x


# Our partially observed ids: gymnasium's task with these observation components zeroed, as
# rl-zoo's MaskVelocityWrapper does.
VELOCITY_MASKED = {
    "CartPoleNoVel-v1": ("CartPole-v1", [1, 3]),
    "PendulumNoVel-v1": ("Pendulum-v1", [2]),
    "MountainCarContinuousNoVel-v0": ("MountainCarContinuous-v0", [1]),
    "LunarLanderNoVel-v3": ("LunarLander-v3", [2, 3, 5]),
    "LunarLanderContinuousNoVel-v3": ("LunarLanderContinuous-v3", [2, 3, 5]),
}


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

    if policy.env_id.startswith("MinAtar/"):  # minatar's own gymnasium ids, registered on request
        try:
            from minatar.gym import register_envs
        except ImportError:
            sys.exit(f"{policy.env_id} needs minatar: pip install minatar==1.0.15")
        register_envs()
    gym_id, masked = VELOCITY_MASKED.get(policy.env_id, (policy.env_id, []))
    env = gym.make(gym_id)

    def observe(observation):
        observation = np.array(observation, dtype=np.float64)
        observation[masked] = 0.0
        return observation

    shape = env.observation_space.shape
    if not shape or int(np.prod(shape)) != policy.observation_size:  # each observation is reshaped to observationShape
        sys.exit(f"{policy.env_id}'s observations have shape {shape}, the network takes {policy.observation_size}"
                 + (f" (shape {policy.observation_shape})" if len(policy.observation_shape) > 1 else ""))
    returns, lengths = [], []
    for k in range(args.episodes):
        observation, _ = env.reset(seed=args.seed + k)
        observation = observe(observation)
        policy.reset()
        total, steps, done = 0.0, 0, False
        while not done:
            observation, reward, terminated, truncated, _ = env.step(policy.act(observation))
            observation = observe(observation)
            total += float(reward)
            steps += 1
            done = terminated or truncated
        returns.append(total)
        lengths.append(steps)
    returns = np.asarray(returns)
    threshold = env.spec.reward_threshold
    print(f"{policy.env_id} in gymnasium {gym.__version__}" + (f" ({gym_id}, components {masked} zeroed)" if masked else "")
          + f", deterministic policy, {args.episodes} episodes, "
          f"seeds {args.seed}...{args.seed + args.episodes - 1}")
    print(f"return: {returns.mean():.2f} ± {returns.std():.2f}, mean length {np.mean(lengths):.1f}")
    if threshold is not None:
        print(f"at or above the reward threshold {threshold:g}: {100 * np.mean(returns >= threshold):.0f} %")


if __name__ == "__main__":
    main()
