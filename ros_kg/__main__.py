"""Lets ``python -m ros_kg`` behave exactly like the ``ros-kg`` command."""

from ros_kg.cli import main

if __name__ == "__main__":
    main()
