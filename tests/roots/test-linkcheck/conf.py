# Links to a loopback server (the test writes index.md with its port).
extensions = ["myst_parser"]
# Loopback answers in milliseconds; only the hanging address waits this long.
linkcheck_timeout = 1
linkcheck_retries = 1
linkcheck_report_timeouts_as_broken = True
linkcheck_workers = 5
