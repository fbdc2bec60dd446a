"""The demo: the main job of mps_planner on the built-in sample region, headless.

``python -m demo --out outputs/demo`` runs the steps in ``demo.steps.STEPS`` in order on
one shared ``DemoContext``; each step adds layers, map content and summary columns.
"""
