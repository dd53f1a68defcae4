"""Offline eval suite: YAML suites -> cases -> the same task functions the API calls -> scorers -> report.

    from evals.suite import load_suite
    from evals.runner import RunOptions, run_suite

    result = run_suite(load_suite("evals/suites/smoke.yaml"), RunOptions(report_dir=Path("eval-runs/smoke")))
    result.exit_code   # 0 thresholds hold, 1 one falls short

The command line is ``assist eval run SUITE.yaml`` (see ``assist/cli/evals.py``).
"""
