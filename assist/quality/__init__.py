"""Quality: live QA checks on agent drafts and QA scorecards for whole conversations."""

from assist.quality.checks import CHECKS, check_draft
from assist.quality.scorecard import config_for_shop, load_config, parse_config, score_conversation

__all__ = ["CHECKS", "check_draft", "config_for_shop", "load_config", "parse_config", "score_conversation"]
