"""ros-kg: the knowledge graph of the Ruimtelijke Ontwikkelstrategie (ROS) Twente."""

__version__ = "0.1.0"
