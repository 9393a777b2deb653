"""The README's promises: two commands on the first screen, a scenario example that validates."""

import re
from pathlib import Path

from shutdown_sim.scenario import load_scenario_text

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_first_screen_has_exactly_two_commands():
    first_block = re.search(r"```bash\n(.*?)```", README, re.S).group(1)
    commands = [line for line in first_block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("shutdown-sim run")
    assert "pytest" in commands[1] and ".[test]" in commands[1]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[0] in ci and commands[1] in ci  # CI runs the README's own commands


def test_scenario_example_in_readme_validates():
    example = re.search(r"```yaml\n(.*?)```", README, re.S).group(1)
    scenario = load_scenario_text(example, source="README.md")
    assert scenario.events[0].scope == "mobile"
    assert scenario.overrides == {"FINANCE.dependence": 0.6}
