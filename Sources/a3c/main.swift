import A3CCommands

A3CCommand.main()
