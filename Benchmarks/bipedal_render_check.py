#!/usr/bin/env python3
"""Reference frames of gymnasium's BipedalWalker pictures, for `a3c check-render`.

Runs gymnasium 1.4.0's BipedalWalker-v3 and BipedalWalkerHardcore-v3 with render_mode="rgb_array",
driven by gymnasium's own walking heuristic, and at chosen steps writes the picture as a binary PPM
and the state it was drawn from (ground points, obstacles, clouds, the hull's and the four leg
parts' poses, the lidar ray drawn) into an index. Our renderer draws the same states and
`a3c check-render DIR/index.json` prints the share of pixels that agree. The two simulations are
not compared (Box2D 2.3 against 2.4, other random numbers): only the drawing of one state is.
Needs numpy and gymnasium[box2d]==1.4.0 in a virtual environment of your own; tests never call it.

    python Benchmarks/bipedal_render_check.py --out /tmp/walker-frames
    .build/release/a3c check-render /tmp/walker-frames/index.json --save-comparisons /tmp/walker-compare
"""

import argparse
import json
import os
import sys

import numpy as np


def scene(env):
    """The drawing inputs of the state gymnasium just rendered, in world units."""
    walker = env.unwrapped
    obstacles = []
    for body in walker.terrain:
        for fixture in body.fixtures:
            vertices = fixture.shape.vertices
            if len(vertices) > 2:
                obstacles.append([[float(x), float(y)] for x, y in vertices])
    # gymnasium's draw list holds the course reversed; the index lists obstacles in creation order.
    obstacles.reverse()
    clouds = [[[float(x), float(y)] for x, y in poly] for poly, _, _ in walker.cloud_poly]

    def pose(body):
        return [float(body.position[0]), float(body.position[1]), float(body.angle)]

    counter = walker.lidar_render  # render() has just advanced it
    lidar = None
    if counter < 2 * len(walker.lidar):
        ray = walker.lidar[counter] if counter < len(walker.lidar) else walker.lidar[len(walker.lidar) - counter - 1]
        lidar = [[float(ray.p1[0]), float(ray.p1[1])], [float(ray.p2[0]), float(ray.p2[1])]]
    return {
        "terrain_x": [float(x) for x in walker.terrain_x],
        "terrain_y": [float(y) for y in walker.terrain_y],
        "obstacles": obstacles,
        "clouds": clouds,
        "hull": pose(walker.hull),
        "legs": [pose(leg) for leg in walker.legs],
        "lidar": lidar,
    }


def write_ppm(path, pixels):
    height, width, _ = pixels.shape
    with open(path, "wb") as f:
        f.write(f"P6\n{width} {height}\n255\n".encode())
        f.write(np.ascontiguousarray(pixels, dtype=np.uint8).tobytes())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="folder for index.json and the PPM frames (made if missing)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--steps", type=int, nargs="+", default=[0, 4, 13, 60, 250, 600],
                        help="steps after the reset at which frames are kept (an episode that ends earlier keeps its last)")
    args = parser.parse_args()
    try:
        import gymnasium
        from gymnasium.envs.box2d.bipedal_walker import BipedalWalkerHeuristics
    except ImportError as error:
        sys.exit(f"needs gymnasium[box2d]==1.4.0: {error}")
    os.makedirs(args.out, exist_ok=True)
    entries = []
    for env_id in ("BipedalWalker-v3", "BipedalWalkerHardcore-v3"):
        env = gymnasium.make(env_id, render_mode="rgb_array")
        for seed in args.seeds:
            observation, _ = env.reset(seed=seed)
            heuristic = BipedalWalkerHeuristics()
            wanted, last = set(args.steps), max(args.steps)

            def keep(step, pixels):
                name = f"{env_id}-seed{seed}-step{step}.ppm"
                write_ppm(os.path.join(args.out, name), pixels)
                entries.append({"env": env_id, "frame": name, "width": int(pixels.shape[1]),
                                "height": int(pixels.shape[0]), "walker": scene(env)})

            # Every state is rendered once, as a recording does, so the lidar sweep runs as usual.
            step = 0
            while True:
                pixels = env.render()
                if step in wanted:
                    keep(step, pixels)
                if step >= last:
                    break
                observation, _, terminated, truncated, _ = env.step(heuristic.step_heuristic(observation))
                step += 1
                if terminated or truncated:
                    keep(step, env.render())
                    break
        env.close()
    with open(os.path.join(args.out, "index.json"), "w") as f:
        json.dump({"frames": entries}, f)
    print(f"{len(entries)} frames in {args.out}/index.json")


if __name__ == "__main__":
    main()
