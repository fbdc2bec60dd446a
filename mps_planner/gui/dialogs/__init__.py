"""dialogs of the planner panel."""
