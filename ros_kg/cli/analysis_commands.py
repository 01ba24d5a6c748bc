"""The analysis commands, gathered for registration in the order ``ros-kg`` has always added them.

Each family lives in its own module: ``actor_commands`` (actors), ``dependency_commands`` (deps,
dependents, impact, central), ``path_commands`` (path), ``timeline_commands`` (timeline, targets)
and ``report_commands`` (report); ``output`` and ``dependency_rows`` hold what they share.
"""

from ros_kg.cli.actor_commands import actors
from ros_kg.cli.dependency_commands import central, dependents, deps, impact
from ros_kg.cli.path_commands import path
from ros_kg.cli.report_commands import report
from ros_kg.cli.timeline_commands import targets, timeline

COMMANDS = (actors, deps, dependents, path, impact, central, timeline, targets, report)
