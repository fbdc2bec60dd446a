"""The planner panel: dock, map tools, dialogs, the controller and its background tasks."""
