"""A3C in PyTorch after the seed's design: N agent processes share one PolicyValueModel
(Linear(obs, 128) + SiLU, a policy head and a value head) and one Adam whose moments live in
shared memory. Each agent copies the global parameters, acts for up to t_max steps, computes
n-step returns (bootstrapping from V(s_T) when the rollout was cut or the episode truncated,
not when it terminated), backpropagates policy + value − entropy loss on its copy and applies
the gradient to the global model.

Prints one JSON object on its last line, as sb3_a2c.py.
"""
import argparse
import ctypes
import json
import math
import time

import gymnasium as gym
import torch
import torch.multiprocessing as mp
from torch import nn


class PolicyValueModel(nn.Module):
    def __init__(self, observations, actions, hidden=128):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(observations, hidden), nn.SiLU())
        self.policy = nn.Linear(hidden, actions)
        self.value = nn.Linear(hidden, 1)

    def forward(self, x):
        features = self.trunk(x)
        return self.policy(features), self.value(features).squeeze(-1)


class SharedAdam(torch.optim.Adam):
    """Adam whose step counts and moments are allocated up front in shared memory."""

    def __init__(self, params, lr):
        super().__init__(params, lr=lr)
        for group in self.param_groups:
            for p in group["params"]:
                state = self.state[p]
                state["step"] = torch.zeros(())
                state["exp_avg"] = torch.zeros_like(p.data)
                state["exp_avg_sq"] = torch.zeros_like(p.data)
                state["step"].share_memory_()
                state["exp_avg"].share_memory_()
                state["exp_avg_sq"].share_memory_()


def agent(rank, args, global_model, optimizer, lock, steps, stop, episodes, ready):
    torch.set_num_threads(1)
    torch.manual_seed(args.seed * 1000 + rank)
    env = gym.make(args.env)
    local = PolicyValueModel(env.observation_space.shape[0], env.action_space.n)
    obs, _ = env.reset(seed=args.seed * 1000 + rank)
    episode_return = 0.0
    ready.wait()  # the clock starts when every agent has imported torch and made its environment
    while not stop.value:
        local.load_state_dict(global_model.state_dict())
        log_probs, values, entropies, rewards = [], [], [], []
        bootstrap = True
        for _ in range(args.t_max):
            logits, value = local(torch.as_tensor(obs, dtype=torch.float32))
            distribution = torch.distributions.Categorical(logits=logits)
            action = distribution.sample()
            obs, reward, terminated, truncated, _ = env.step(action.item())
            log_probs.append(distribution.log_prob(action))
            entropies.append(distribution.entropy())
            values.append(value)
            rewards.append(float(reward))
            episode_return += float(reward)
            if terminated or truncated:
                episodes.put(episode_return)
                episode_return = 0.0
                final = obs
                obs, _ = env.reset()
                if terminated:
                    bootstrap = False
                else:
                    with torch.no_grad():
                        _, tail = local(torch.as_tensor(final, dtype=torch.float32))
                    rewards[-1] += args.gamma * tail.item()
                    bootstrap = False
                break
        with torch.no_grad():
            R = local(torch.as_tensor(obs, dtype=torch.float32))[1].item() if bootstrap else 0.0
        returns = []
        for r in reversed(rewards):
            R = r + args.gamma * R
            returns.append(R)
        returns = torch.tensor(list(reversed(returns)))
        values = torch.stack(values)
        advantages = returns - values.detach()
        loss = (-(torch.stack(log_probs) * advantages).mean() + 0.5 * ((returns - values) ** 2).mean()
                - args.entropy * torch.stack(entropies).mean())
        local.zero_grad()
        loss.backward()
        with lock:
            for global_p, local_p in zip(global_model.parameters(), local.parameters()):
                global_p.grad = local_p.grad.clone()
            optimizer.step()
        with steps.get_lock():
            steps.value += len(rewards)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--env", required=True)
    parser.add_argument("--threshold", type=float, required=True)
    parser.add_argument("--max-steps", type=int, required=True)
    parser.add_argument("--max-seconds", type=float, required=True)
    parser.add_argument("--agents", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--t-max", type=int, default=5)
    parser.add_argument("--gamma", type=float, default=0.99)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--entropy", type=float, default=0.01)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    probe = gym.make(args.env)
    global_model = PolicyValueModel(probe.observation_space.shape[0], probe.action_space.n)
    global_model.share_memory()
    optimizer = SharedAdam(global_model.parameters(), lr=args.lr)
    lock = mp.Lock()
    steps = mp.Value(ctypes.c_long, 0)
    stop = mp.Value(ctypes.c_int, 0)
    episodes = mp.Queue()
    ready = mp.Barrier(args.agents + 1)
    workers = [mp.Process(target=agent, args=(rank, args, global_model, optimizer, lock, steps, stop, episodes, ready))
               for rank in range(args.agents)]
    for w in workers:
        w.start()
    ready.wait()
    start = time.perf_counter()
    recent, solved_at, solved_steps = [], None, None
    while True:
        try:
            recent.append(episodes.get(timeout=0.05))
            recent = recent[-100:]
        except Exception:
            pass
        elapsed = time.perf_counter() - start
        if len(recent) == 100 and sum(recent) / 100 >= args.threshold:
            solved_at, solved_steps = elapsed, steps.value
            break
        if elapsed >= args.max_seconds or steps.value >= args.max_steps:
            break
    seconds = time.perf_counter() - start
    total_steps = steps.value
    stop.value = 1
    while any(w.is_alive() for w in workers):  # drain, so that no agent blocks on a full queue
        try:
            episodes.get(timeout=0.05)
        except Exception:
            pass
    for w in workers:
        w.join()
    print(json.dumps({
        "peer": f"PyTorch A3C ({args.agents} processes)", "env": args.env, "seed": args.seed,
        "solved": solved_at is not None, "seconds": solved_at if solved_at is not None else seconds,
        "steps": solved_steps if solved_steps is not None else total_steps,
        "steps_per_second": total_steps / seconds,
        "mean100": sum(recent) / len(recent) if recent else None,
    }))


if __name__ == "__main__":
    mp.set_start_method("spawn")
    main()
