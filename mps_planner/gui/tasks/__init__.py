"""tasks of the planner panel."""
