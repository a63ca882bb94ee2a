"""What the Stable-Baselines3 peer scripts share: the callback that times a run like `a3c-bench peers`."""
import time
from collections import deque

from stable_baselines3.common.callbacks import BaseCallback


class StopAtThreshold(BaseCallback):
    """Tracks finished episodes' returns; stops at the threshold (if any) or the wall budget."""

    def __init__(self, threshold, max_seconds):
        super().__init__()
        self.threshold = threshold
        self.max_seconds = max_seconds
        self.returns = deque(maxlen=100)
        self.solved_at = None

    def _on_training_start(self):
        self.start = time.perf_counter()

    def _on_step(self):
        for info in self.locals["infos"]:
            episode = info.get("episode")
            if episode is not None:
                self.returns.append(episode["r"])
        if self.threshold is not None and len(self.returns) == 100 and sum(self.returns) / 100 >= self.threshold:
            self.solved_at = time.perf_counter() - self.start
            return False
        return time.perf_counter() - self.start < self.max_seconds

    def outcome(self, peer, env, seed, seconds, steps):
        """The JSON object a peer script prints on its last line."""
        returns = list(self.returns)
        return {
            "peer": peer, "env": env, "seed": seed, "solved": self.solved_at is not None,
            "seconds": self.solved_at if self.solved_at is not None else seconds,
            "steps": steps, "steps_per_second": steps / seconds,
            "mean100": sum(returns) / len(returns) if returns else None,
        }
