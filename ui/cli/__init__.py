"""Command-line subcommands: each module registers its own and calls models/ and exporters/."""
