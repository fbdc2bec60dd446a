"""maptools of the planner panel."""
