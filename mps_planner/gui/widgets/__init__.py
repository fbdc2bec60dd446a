"""widgets of the planner panel."""
