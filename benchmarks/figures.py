"""One row of a benchmark's results, and the table ``run_all.py`` prints.

Every figure is set against a baseline measured in the same run, so the ratio means
something on any machine; ``target`` is the ratio (or, for start-up, the seconds) to stay
within.
"""

from dataclasses import dataclass


@dataclass
class Figure:
    """One measured figure against its baseline."""

    what: str
    value: float
    baseline: float
    baseline_what: str
    target: float | None = None
    unit: str = "s"
    target_on: str = "ratio"  # "ratio": value / baseline; "value": the value itself

    @property
    def ratio(self) -> float:
        """The value over its baseline."""
        return self.value / self.baseline if self.baseline else float("nan")

    @property
    def met(self):
        """True or False against the target; None when there is none."""
        if self.target is None:
            return None
        checked = self.ratio if self.target_on == "ratio" else self.value
        return checked <= self.target

    def cells(self) -> list:
        """The row as text cells: what, value, baseline, ratio, target."""
        target = "" if self.target is None else (
            f"<= {self.target:g}{'x' if self.target_on == 'ratio' else ' ' + self.unit}: "
            f"{'met' if self.met else 'NOT met'}")
        return [self.what, f"{self.value:.3g} {self.unit}",
                f"{self.baseline:.3g} {self.unit} ({self.baseline_what})",
                f"{self.ratio:.2f}x", target]


def table(rows) -> str:
    """A Markdown table of figures."""
    head = ["what", "value", "baseline", "ratio", "target"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)
