import A3CCommands
import PointReach

// `reach train PointReach-v0 --save reach.json`, `reach eval reach.json`, `reach rollout PointReach-v0`, `reach envs`.
A3CCommand.main(name: "reach", registering: [PointReach.spec])
