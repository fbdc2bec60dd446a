"""docks of the planner panel."""
