"""The ``ros-kg`` command: thin click commands over the library.

Each command maps its options to one library call and prints the result; nothing here queries,
analyses or draws by itself.
"""

from ros_kg.cli import (
    analysis_commands,
    graph_commands,
    page_commands,
    query_commands,
    server_commands,
)
from ros_kg.cli.app import cli

for module in (graph_commands, query_commands, server_commands, page_commands, analysis_commands):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    """Run the ``ros-kg`` command line."""
    cli(prog_name="ros-kg")


__all__ = ["cli", "main"]
