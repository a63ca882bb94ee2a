"""sb3-contrib RecurrentPPO on CartPoleNoVel-v1, timed like `a3c-bench peers` times ours.

CartPoleNoVel-v1 is gymnasium's CartPole-v1 with the velocities (indices 1 and 3) multiplied by 0,
as rl-zoo's MaskVelocityWrapper does. The hyperparameters are rl-zoo's for `ppo_lstm` on this task
(the sb3 model card's): 8 environments, n_steps 32, batch 256, 20 epochs, gamma 0.98, GAE 0.8,
learning rate and clip range decaying linearly from 1e-3 and 0.2, no entropy bonus, observations
normalised (VecNormalize, rewards not), MlpLstmPolicy with an LSTM of 64 for actor and critic,
ReLU 64 heads, no orthogonal init, for rl-zoo's 100k steps unless --max-steps says otherwise.

Prints one JSON object on its last line: peer, env, seed, solved, seconds (wall, from the first
step, to the threshold when solved), steps, steps_per_second, mean100 (training episodes) and
final_evaluation (mean return of 100 deterministic episodes of the final policy, seeds 0..99).
"""
import argparse
import json
import time

import gymnasium as gym
import numpy as np
import torch
from peer_common import StopAtThreshold
from sb3_contrib import RecurrentPPO
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.vec_env import VecNormalize


class MaskVelocity(gym.ObservationWrapper):
    """Zeroes CartPole's cart and pole velocities, keeping the observation's shape."""

    mask = np.array([1, 0, 1, 0], dtype=np.float32)

    def observation(self, observation):
        return observation * self.mask


def linear(start):
    return lambda remaining: start * remaining


def evaluate(model, normalizer, episodes):
    """Mean return of deterministic episodes of the final policy on fresh masked environments."""
    returns = []
    for seed in range(episodes):
        env = MaskVelocity(gym.make("CartPole-v1"))
        observation, _ = env.reset(seed=seed)
        state, start, total, done = None, np.ones((1,), dtype=bool), 0.0, False
        while not done:
            scaled = normalizer.normalize_obs(observation[None, :])
            action, state = model.predict(scaled, state=state, episode_start=start, deterministic=True)
            observation, reward, terminated, truncated, _ = env.step(int(action[0]))
            start = np.zeros((1,), dtype=bool)
            total += reward
            done = terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--env", default="CartPoleNoVel-v1", choices=["CartPoleNoVel-v1"])
    parser.add_argument("--threshold", type=float, default=475)
    parser.add_argument("--max-steps", type=int, default=100_000)
    parser.add_argument("--max-seconds", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--eval-episodes", type=int, default=100)
    args = parser.parse_args()

    torch.set_num_threads(1)
    env = VecNormalize(make_vec_env("CartPole-v1", n_envs=8, seed=args.seed, wrapper_class=MaskVelocity),
                       norm_obs=True, norm_reward=False)
    policy = dict(ortho_init=False, activation_fn=torch.nn.ReLU, lstm_hidden_size=64, enable_critic_lstm=True,
                  net_arch=dict(pi=[64], vf=[64]))
    model = RecurrentPPO("MlpLstmPolicy", env, n_steps=32, batch_size=256, n_epochs=20, gamma=0.98, gae_lambda=0.8,
                         learning_rate=linear(1e-3), clip_range=linear(0.2), ent_coef=0.0, policy_kwargs=policy,
                         seed=args.seed, device="cpu")
    callback = StopAtThreshold(args.threshold, args.max_seconds)
    start = time.perf_counter()
    model.learn(total_timesteps=args.max_steps, callback=callback)
    seconds = time.perf_counter() - start
    env.training = False
    outcome = callback.outcome("sb3-contrib RecurrentPPO (rl-zoo)", args.env, args.seed, seconds, model.num_timesteps)
    outcome["final_evaluation"] = evaluate(model, env, args.eval_episodes)
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
