import A3CCommands
import MuJoCoEnvironments

A3CCommand.main(name: "a3c", registering: MuJoCoTasks.supportedSpecs)
