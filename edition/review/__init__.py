"""``python -m edition review BASE``: what a change does to the edition since BASE
(``command.py``), for a reviewer and a pull request's summary."""
