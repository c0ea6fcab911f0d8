"""Coverage chart: published stories per month about an entity, as server-rendered SVG."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.db.models import CharField, Count
from django.db.models.functions import Cast, Substr, TruncMonth
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article

MONTHS_SHOWN = 24
MONTHS_MIN = 12


@dataclass(frozen=True)
class MonthCount:
    month: datetime.date
    count: int

    @property
    def label(self) -> str:
        return self.month.strftime("%b %Y")


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def monthly_coverage(entity) -> list[MonthCount]:
    """Stories per month for the last ``MONTHS_SHOWN`` months that have coverage (zeros filled in)."""
    stories = Article.objects.published().for_entity(entity).exclude(published_at=None)
    if connections[stories.db].vendor == "sqlite" and settings.TIME_ZONE == "UTC":
        # SQLite stores UTC datetimes as ISO text: the first seven characters are the month,
        # much cheaper than TruncMonth's per-row Python function on a big entity.
        month = Substr(Cast("published_at", CharField()), 1, 7)
    else:
        month = TruncMonth("published_at")
    rows = stories.annotate(month=month).values("month").annotate(n=Count("pk")).order_by("month")
    counts = {}
    for row in rows:
        value = row["month"]
        if isinstance(value, str):
            value = datetime.date(int(value[:4]), int(value[5:7]), 1)
        elif isinstance(value, datetime.datetime):
            value = value.date()
        counts[value.replace(day=1)] = row["n"]
    if not counts:
        return []
    this_month = timezone.now().date().replace(day=1)
    last = max(counts) if max(counts) < _add_months(this_month, -MONTHS_SHOWN + 1) else this_month
    # At least a year on the axis so one busy month does not fill the whole chart.
    first = max(min(min(counts), _add_months(last, -MONTHS_MIN + 1)), _add_months(last, -MONTHS_SHOWN + 1))
    months = []
    month = first
    while month <= last:
        months.append(MonthCount(month=month, count=counts.get(month, 0)))
        month = _add_months(month, 1)
    return months


def coverage_svg(months: list[MonthCount], *, title_id: str = "coverage-title") -> SafeString:
    """A bar chart; the caller shows the same numbers as a table (the text alternative)."""
    if not months:
        return mark_safe("")
    width, height, pad_left, pad_bottom, pad_top = 480, 180, 36, 26, 12
    plot_w = width - pad_left - 8
    plot_h = height - pad_bottom - pad_top
    peak = max(m.count for m in months) or 1
    slot = plot_w / len(months)
    bar_w = max(slot * 0.7, 2)
    bars = []
    for index, month in enumerate(months):
        h = plot_h * month.count / peak
        x = pad_left + index * slot + (slot - bar_w) / 2
        y = pad_top + plot_h - h
        bars.append((f"{x:.1f}", f"{y:.1f}", f"{bar_w:.1f}", f"{h:.1f}", month.label, month.count))
    rects = format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        bars,
    )
    labels = format_html_join(
        "",
        '<text class="axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (f"{pad_left + i * slot + slot / 2:.1f}", height - 8, m.month.strftime("%b %y"))
            for i, m in enumerate(months)
            if i % max(1, len(months) // 6) == 0
        ),
    )
    return format_html(
        '<svg class="coverage-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{tid}" '
        'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        '<line class="axis" x1="{pl}" y1="{base}" x2="{w}" y2="{base}"/>'
        '<text class="axis-label" x="{tx}" y="{ty}" text-anchor="end">{peak}</text>'
        '<text class="axis-label" x="{tx}" y="{base}" text-anchor="end">0</text>'
        "{rects}{labels}</svg>",
        w=width,
        h=height,
        tid=title_id,
        pl=pad_left,
        base=pad_top + plot_h,
        tx=pad_left - 6,
        ty=pad_top + 8,
        peak=peak,
        rects=rects,
        labels=labels,
    )
