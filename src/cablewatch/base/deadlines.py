"""Legal periods that more than one app counts with. One place each (issue 12 grows this
into the deadline module with working days and holidays)."""

from __future__ import annotations

# 产品质量法 第十五条: the enterprise may apply for a re-test within 15 days of receiving
# the result (SAMR Order 18 sets the same). Spot checks count the window, the portal
# holds a failure back from disclosure until it has closed.
RETEST_WINDOW_DAYS = 15
