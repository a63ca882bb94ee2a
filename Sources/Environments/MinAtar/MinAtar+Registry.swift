extension Registry {
    /// MinAtar's ten gymnasium ids: `MinAtar/GAME-v0` with all six actions (the paper's setting) and
    /// `-v1` with the game's minimal set. minatar registers neither a time limit nor a reward threshold.
    static let minAtarSpecs: [EnvironmentSpec] = {
        func specs<Game: MinAtarGame>(_: Game.Type) -> [EnvironmentSpec] {
            [false, true].map { minimal in
                EnvironmentSpec(id: "MinAtar/\(Game.name)-v\(minimal ? 1 : 0)", maxEpisodeSteps: nil, rewardThreshold: nil,
                                make: { MinAtar<Game>(minimalActionSet: minimal) })
            }
        }
        return MinAtarGames.all.flatMap { specs($0) }
    }()
}
