"""Plain-text dumps of web pages: find the article, strip the site chrome around it.

A dump is the visible text of a page, one block per line. The article is the longest run of
prose (lines shaped like sentences) with the short lines between them (sub-headings, list items,
"Label:" lead-ins). Chrome is recognised by general features, never by memorised sentences:

* shape: short lines that are not sentences, Title Case headline lines, date-only lines;
* headline lists: several short lines each followed by a date line ("Latest posts");
* reader-appeal and navigation phrasing ("thank you for visiting", "subscribe", "share on",
  "all rights reserved", "read more"...), weighed against the line's length;
* position: chrome sits before the first and after the last stretch of prose;
* repetition: a line that recurs in several files of the same batch is template, not story.

Every removed line is kept (``stripped``) so an editor can review the cleaner's choices.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import date

from newsroom.text import MARKS, UNSPACED

# Thai letters, vowels and tone marks (not its digits, currency sign or punctuation). Thai writes no
# spaces between words either, only between clauses and sentences.
THAI = "\u0e01-\u0e3a\u0e40-\u0e4e"
# A word: letters with the marks written on them (a run of Chinese or Japanese: two characters; of
# Thai, five, about a Thai word's length with its marks: a clause read as one "word" made a paragraph
# a short line, and four to a word made a 104-character headline too long for one).
_LETTERS = rf"[^\W_{UNSPACED}{THAI}]+(?:[{MARKS}]+[^\W_{UNSPACED}{THAI}]*)*"
WORD = re.compile(rf"[{UNSPACED}]{{1,2}}|[{THAI}]{{1,5}}|{_LETTERS}(?:['’.-]{_LETTERS})*", re.UNICODE)
# The same words in ASCII text (no marks, no Chinese): a third quicker, and most lines are ASCII.
_ASCII_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# A line that ends on a time of day's "a.m."/"p.m.": an opening hour or a timetable's item, unless
# a verb makes it a sentence ("The first late opening will be on Thursday at 7 p.m.").
_CLOCK_END = re.compile(r"\d(?::\d\d)?\s?[ap]\.m\.$|\bnoon\.?$|\bmidnight\.?$", re.IGNORECASE)
_STATEMENT_VERB = re.compile(
    r"\b(?:will|is|are|was|were|has|have|had|opens|closes|starts|begins)\b", re.IGNORECASE
)
# The end of a sentence, a reference marker after it included ("the following year. (7)", "year.[3]"),
# in the scripts of the region's press too: Chinese and Japanese "。！？", the Devanagari danda "।",
# the Urdu full stop "۔", the Arabic question mark "؟", the Ethiopic "።" and the Burmese "။" (the
# full-width "！" after Chinese, not after an ASCII character: an author box's "Comment and discuss with her！").
SENTENCE_END = re.compile(
    r"""[.!?…:;。．।॥۔؟።။！？：；](?<![\x00-\x7f][！？：；])["'”’)\]」』）]*"""
    r"""(?:\s?(?:\(\d{1,3}\)|\[\d{1,3}\])|[¹²³⁰-⁹]+)?$"""
)
# Month names as dates are written in the languages of the newsroom's press: English ("March 4,
# 2025", "4 Mar 2025"), Russian, Ukrainian and Belarusian in the genitive ("12 марта 2025", "15
# квітня 2025", "14 сакавіка 2025"), Kazakh ("15 наурыз 2025"),
# German ("18. März 2025"), French ("4 avril 2025"), Spanish and Portuguese ("4 de abril de 2025",
# "18 ABR 2024"), Polish ("14 marca 2026").
_MONTH_NAMES = {
    number: names.split()
    for number, names in enumerate(
        [
            "january jan студзень студзеня қаңтар январь января янв січень січня січ januar jän janvier janv enero ene janeiro stycznia styczeń",
            "february feb люты лютага ақпан февраль февраля фев лютий лютого лют februar février févr fevrier febrero fevereiro lutego luty",
            "march mar сакавік сакавіка наурыз март марта мар березень березня бер märz maerz mars marzo março mär marca marzec",
            "april apr красавік красавіка сәуір апрель апреля апр квітень квітня квіт avril avr abril abr kwietnia kwiecień",
            "may май траўня мамыр мая травень травня трав mai mayo maio maja",
            "june jun чэрвень чэрвеня маусым июнь июня июн червень червня черв juni juin junio junho czerwca czerwiec",
            "july jul ліпеня шілде июль июля июл липень липня лип juli juillet juil julio julho lipca lipiec",
            "august aug жнівень жніўня тамыз август августа авг серпень серпня серп août aout agosto ago sierpnia sierpień",
            "september sept sep верасня қыркүйек сентябрь сентября сен вересень вересня вер septembre septiembre setembro września wrzesień",
            "october oct кастрычнік кастрычніка қазан октябрь октября окт жовтень жовтня жовт oktober okt octobre octubre outubro października październik",
            "november nov лістапад лістапада қараша ноябрь ноября ноя листопад листопада лист novembre noviembre novembro listopada listopad",
            "december dec снежань снежня желтоқсан декабрь декабря дек грудень грудня груд dezember dez décembre déc diciembre dic dezembro grudnia grudzień",
        ],
        start=1,
    )
}
# … and Hindi ("14 मार्च 2026"), Arabic (Egyptian and Gulf names, "14 مارس 2026"; the Levantine
# ones, one word each: "14 آذار 2026"), Urdu ("14 مارچ 2026") and Persian for the Gregorian months
# ("۱۴ مارس ۲۰۲۶"; the Solar Hijri months, "۲۴ اسفند ۱۴۰۴", are another calendar and are not read).
_MONTH_NAMES_EAST = {
    number: names.split()
    for number, names in enumerate(
        [
            "जनवरी يناير جنوری ژانویه",
            "फरवरी फ़रवरी فبراير شباط فروری فوریه",
            "मार्च مارس آذار مارچ",
            "अप्रैल अप्रेल أبريل ابريل إبريل نيسان اپریل آوریل",
            "मई مايو أيار مئی مه",
            "जून يونيو يونيه حزيران جون ژوئن",
            "जुलाई يوليو يوليه تموز جولائی ژوئیه",
            "अगस्त أغسطس اغسطس آب اگست اوت",
            "सितंबर सितम्बर سبتمبر أيلول ستمبر سپتامبر",
            "अक्टूबर अक्तूबर أكتوبر اكتوبر اکتوبر اکتبر",
            "नवंबर नवम्बर نوفمبر نومبر نوامبر",
            "दिसंबर दिसम्बर ديسمبر دسمبر دسامبر",
        ],
        start=1,
    )
}
# … and Thai ("25 พ.ย. 2569": its years are of the Buddhist era, 543 after the Common Era's).
_MONTH_NAMES_THAI = {
    number: names.split()
    for number, names in enumerate(
        [
            "มกราคม ม.ค.",
            "กุมภาพันธ์ ก.พ.",
            "มีนาคม มี.ค.",
            "เมษายน เม.ย.",
            "พฤษภาคม พ.ค.",
            "มิถุนายน มิ.ย.",
            "กรกฎาคม ก.ค.",
            "สิงหาคม ส.ค.",
            "กันยายน ก.ย.",
            "ตุลาคม ต.ค.",
            "พฤศจิกายน พ.ย.",
            "ธันวาคม ธ.ค.",
        ],
        start=1,
    )
}
THAI_MONTHS = frozenset(name for names in _MONTH_NAMES_THAI.values() for name in names)
BUDDHIST_ERA = 543


def common_era(year: int) -> int:
    """A Thai date's year in the Common Era: one of the Buddhist era (over 2400) less 543, its last
    two figures (under 100) as those of 25xx; a year already of the Common Era as it is."""
    if year > 2400:
        return year - BUDDHIST_ERA
    return 2500 + year - BUDDHIST_ERA if year < 100 else year


_MONTH_NUMBERS = {
    name: number
    for table in (_MONTH_NAMES, _MONTH_NAMES_EAST, _MONTH_NAMES_THAI)
    for number, names in table.items()
    for name in names
}
MONTHS = "|".join(sorted(map(re.escape, _MONTH_NUMBERS), key=len, reverse=True))
# A numbered item ("1. Preheat the oven"), not a German date ("18. März 2025").
LIST_MARKER = re.compile(
    rf"^(?:[-–—•*·▪►✓✔]|\d{{1,2}}[.)](?!\s+(?:{MONTHS})\.?,?\s+\d{{4}}))\s+(?=\S)", re.IGNORECASE
)
LONE_MARKER = re.compile(r"^[-–—•*·▪►]$")
TRAILING_MARKER = re.compile(r"\s[-–—•]$")
# What opens a date line: "Published", "Veröffentlicht am", "Publié le", "Опубликовано" …
_DATE_LEAD = (
    r"(?:(?:last\s+|first\s+|originally\s+)?(?:posted|published|updated|modified))(?:\s+on)?|on|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|stand"
    r"|for\s+immediate\s+release|issued(?:\s+on)?"  # a press release's
    r"|broadcast(?:\s+on)?|aired(?:\s+on)?|air\s*date|first\s+aired|gesendet(?:\s+am)?|ausgestrahlt(?:\s+am)?"  # a transcript's
    r"|publié(?:\s+le)?|mis\sà\sjour(?:\s+le)?|publicado(?:\s+el)?|actualizado(?:\s+el)?"
    r"|publicad[oa](?:\s+em)?|atualizad[oa](?:\s+em)?"  # Brazil's press
    r"|opublikowano|data\spublikacji|aktualizacja|zaktualizowano|paskelbta|atnaujinta|publicēts|atjaunināts"
    r"|опубликовано|обновлено|опубліковано|оновлено|дата\sпубликации|дата\sпублікації"
    r"|发布时间|发表时间|更新时间|发布日期|时间|日期"  # Chinese: "发布时间：2026-03-14 09:30"
    # Hindi, Arabic, Persian and Urdu: "प्रकाशित: …", "अपडेटेड: …", "نشر في: …", "آخر تحديث: …",
    # "تاریخ انتشار: …", "شائع: …"
    r"|प्रकाशित(?:\s+तिथि)?|अपडेटेड|अपडेट|نُشر في|نشر(?:\s+في|\s+بتاريخ)?|تاريخ\s+النشر|آخر\s+تحديث"
    r"|تاریخ\s+انتشار|انتشار|شائع(?:\s+شدہ)?|اپ\s+ڈیٹ"
)
_WEEKDAYS = (
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado"
    r"|domingo|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|понеділок|вівторок|середа"
    r"|четвер|п’ятниця|п'ятниця|субота|неділя"
    # Hindi, Arabic ("يوم السبت", Saturday), Urdu and Persian
    r"|सोमवार|मंगलवार|बुधवार|गुरुवार|बृहस्पतिवार|शुक्रवार|शनिवार|रविवार"
    r"|(?:يوم\s+)?(?:الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد)"
    r"|پیر|منگل|بدھ|جمعرات|جمعہ|ہفتہ|اتوار"
    r"|(?:یک|دو|سه|چهار|پنج)[\s\u200c]?شنبه|شنبه|جمعه"
)
# "2025 г.", "2025 года", "2025 р.", "2025 року" after the year.
_YEAR_WORD = r"(?:\s*(?:г\.|года|р\.|року|r\.))?"
# A later update told after the date, on the same line ("… 11:05 AM UTC Updated 2 hours ago").
UPDATE_WORD = (
    r"(?:updated|(?:last\s)?modified|aktualisiert|mis\sà\sjour|modifié|actualizado|atualizad[oa]|обновлено|оновлено"
    r"|aktualizacja|zaktualizowano|atnaujinta|atjaunināts|абноўлена)"
)  # (\s: verbose)
# An update's label in a date line: the part of the line after it is the update's.
_UPDATED = re.compile(rf"\b{UPDATE_WORD}\b", re.IGNORECASE)
# A time of day after the date: "14:30", "9:15 a.m.", "9.15pm", "10h15", "17:05 Uhr" (the dump's
# local time).
# Arabic pages mark the half of the day after the time: "10:15 ص" (morning), "03:15 م" (evening), or
# in full, "صباحا", "مساءً".
_ARABIC_HALF = r"([صم])(?:باحاً?|ساءً?)?(?![^\W\d_])"
_TIME_OF_DAY = re.compile(
    rf"\b([01]?\d|2[0-3])[:.h]([0-5]\d)(?![.\d])\s*(?:([ap])\.?\s?m\b\.?|{_ARABIC_HALF})?", re.IGNORECASE
)
_CAPITALIZED_NAME_WORD = r"(?-i:[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁЄІЇҐ])[\w.'’-]*"
# A time zone after a time of day: "EST", "CET", "ET", "GMT+2", "UTC-05:00".
_ZONE = r"(?-i:[A-Z]{2,4})(?:[+-]\d{1,2}(?::?\d{2})?)?"
# Who signed a dated line ("Posted on March 3, 2025 by Helen Marsh"): a name in capitals or an
# account ("by admin"), not the rest of a sentence ("… 2025 by a vote of 7-2").
_SIGNER = (
    rf"(?:admin|administrator|webmaster|{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD}){{0,3}})"
    r"(?:\s*\([^()]{1,40}\))?"  # "Jean-Luc Aufranc (CNXSoft)"
)
# How the region's two-word places begin or end: "New York", "San Diego", "Hong Kong", "Mexico
# City", "Санкт-Петербург" (one word), "Нижний Новгород".
_PLACE_FIRST = (
    r"New|San|Santa|Santo|São|Los|Las|El|Saint|St\.?|Sankt|Port|Fort|Cape|Hong|Tel|Buenos|Rio|Kuala|Abu|Ho|Mexico"
    r"|North|South|East|West|Great|Greater|Upper|Lower|Нижний|Великий|Кривий|Біла|Старый|Новый|Нова|Новий"
)
_PLACE_LAST = r"City|Town|County|Island|Islands|Beach|Springs|Falls|Heights|Valley|Bay|Harbou?r"
# A place a date line opens with: one word ("London", "Sevilla") or a two-word place ("New York"),
# not a writer's name ("Rachel Ng, March 12, 2025" is a byline).
_PLACE = (
    rf"(?:(?-i:{_PLACE_FIRST})\s+{_CAPITALIZED_NAME_WORD}|{_CAPITALIZED_NAME_WORD}\s+(?-i:{_PLACE_LAST})"
    rf"|{_CAPITALIZED_NAME_WORD})"
)
# A day written with its month's name: "March 4, 2025", "4th March 2025", "18. März 2025", "4 de
# abril de 2025".
_MONTH_DAY = rf"(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_DAY_MONTH = rf"\d{{1,2}}\.?(?:st|nd|rd|th)?\s+(?:de\s+)?(?:{MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}"
# A section's name before a time of day and the day ("North Korea 09:31 August 20, 2019": a wire's
# section link, then when the story was filed).
_SECTION_BEFORE_TIME = rf"{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD})?\s+(?=\d{{1,2}}:\d{{2}}\s)"
_SECTION_PREFIX = re.compile(_SECTION_BEFORE_TIME)


def is_section_date_line(text: str) -> bool:
    """A section's name, then the time and the day: a date line only above a story (inside one,
    "Kickoff 19:30 March 14, 2026" is the story's)."""
    return bool(found := _SECTION_PREFIX.match(text)) and is_date_line(text[found.end() :])


# A day as Chinese, Japanese and Korean pages write it: "2026年3月14日", "2026년 3월 14일"; and year
# first in figures, "2018/6/19", "2019.08.20" (never day first: read without doubt).
# A Solar Hijri day, as Iranian and Afghan pages date their stories ("۲۴ اسفند ۱۴۰۴"): a date line,
# but of another calendar, whose day is not read (``date_of_line`` finds no Gregorian month in it).
_SOLAR_HIJRI_DAY = (
    r"\d{1,2}\s+(?:فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|حمل|ثور|جوزا|سرطان|اسد|سنبله"
    r"|میزان|عقرب|قوس|جدی|دلو|حوت)\s+\d{4}"
)
_CJK_DAY_FORM = r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
# A day as Thai pages write it: "25 พ.ย. 2569", "21 ม.ค.2561", "วันจันทร์ที่ 25 พฤศจิกายน พ.ศ. 2569",
# "25 พ.ย. 69": a year of the Buddhist era, its first two figures sometimes left out (then 50-99, 2007
# to 2056; never the hour after it: "5 ม.ค. 10:30 น." has no year).
_THAI_MONTH_NAMES = "|".join(sorted(map(re.escape, THAI_MONTHS), key=len, reverse=True))
_THAI_DAY_FORM = (
    rf"(?:วัน[{THAI}]*\s*)?(\d{{1,2}})\s*({_THAI_MONTH_NAMES})\s*(?:พ\.ศ\.\s*)?(\d{{4}}|[5-9]\d)(?!\d|[:.]\d)"
)
_YEAR_FIRST = r"\d{4}(?:/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}\.?)"
DATE_LINE = re.compile(
    rf"""^(?:{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD})?\s+[-–—]\s+(?=\d))?  # "Madrid - 04 mar 2026"
    (?:(?:{_DATE_LEAD})\s*[:：]?\s*)?
    (?:\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+{_ZONE})?,?\s+)?
    (?:(?:{_WEEKDAYS})[,،]?\s+)?
    (?:
        {_MONTH_DAY}
      | {_DAY_MONTH}{_YEAR_WORD}
      | \d{{4}}-\d{{2}}-\d{{2}}(?:[T\s]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
      | \d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}{_YEAR_WORD}
      | (?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-(?:19|20)\d\d  # "24-11-2026"
      | {_YEAR_FIRST}
      | \d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago
      | \d+\s*(?:mins?|hrs?|[mhd])\s+ago  # "3 hrs ago", "2h ago"
      | (?:há|hace)\s+\d+\s+(?:minutos?|horas?|dias?|días|semanas?|meses|mês|mes|anos?|años?)  # "Há 3 horas"
      | vor\s+\d+\s+(?:minuten|stunden?|tagen?)  # "vor 2 Stunden"
      | \d+\s+(?:minut[ay]?|godzin[ay]?|dni|tygodni[e]?)\s+temu  # "2 godziny temu"
      | \d+\s+(?:минут[уы]?|час(?:а|ов)?|дн(?:я|ей))\s+назад  # "2 часа назад"
      | {_CJK_DAY_FORM}
      | {_THAI_DAY_FORM}
      | {_SOLAR_HIJRI_DAY}
    )
    (?:,?\s*(?:at\s+|в\s+|о\s+|o\s+|um\s+|à\s+|a\s+las\s+|เวลา\s*)?\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?
        (?:\s*(?:{_ZONE}|[+-](?:0\d|1[0-4]):?[0-5]\d|Uhr|{_ARABIC_HALF}|น\.))?)?
    (?:\s*[-–—|•·/]\s*.{{0,40}}|,?\s+{UPDATE_WORD}\b[^.!?]{{0,40}}\d[^.!?]{{0,20}}|\s+{UPDATE_WORD}(?:\s+ago)?
      |\s+by\s+{_SIGNER}(?:\s*[-–—|•·,]\s*.{{0,60}})?
      |\s+(?:来源|作者|编辑|责任编辑|稿源|出处)\s*[:：].{{0,40}})?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A place and the day alone on a line: "London, March 12, 2025", "New York, 12 March 2025, 14:05"
# (not "Vote, March 11, 2025 – the authority approves the plan", an item of a timeline).
_PLACED_DATE = re.compile(
    rf"^{_PLACE},\s+(?:{_MONTH_DAY}|{_DAY_MONTH}{_YEAR_WORD})(?:,?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})\.?(?:st|nd|rd|th)?\s+(?:de\s+)?({MONTHS})\.?,?\s+(?:de\s+)?(\d{{4}})\b", re.IGNORECASE
)
# "18.03.2025": day first, as German, Russian and Ukrainian sites write it (a numeric date with
# slashes is March or April depending on the site, and is not read).
_DOTTED_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# A line that opens with a day ("January 20th, 2025 by JWU"), not a headline that names one
# ("What changes for renters on April 1, 2025").
_STARTS_WITH_DAY = re.compile(
    rf"^(?:(?:{_WEEKDAYS}),?\s+)?(?:{_MONTH_DAY}|{_DAY_MONTH}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")  # "2024-03-04T08:30:00Z" too
_CJK_DAY = re.compile(_CJK_DAY_FORM)
_THAI_DAY = re.compile(_THAI_DAY_FORM)
# (``_YEAR_FIRST``'s; "(?<!\d)", not "\b": a CJK character before the year is a word's too)
_YEAR_FIRST_DAY = re.compile(r"(?<!\d)(\d{4})(?:/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2}))(?!\d)")


def date_of_line(text: str) -> str:
    """The day a date line names, as YYYY-MM-DD, with its time of day when it gives one right after
    it (YYYY-MM-DDTHH:MM); empty for relative ("3 hours ago") and slashed numeric ones
    ("03/04/2025" is March or April depending on the site; dotted "04.03.2025" is day first) and
    impossible days."""
    day, start, end = _day_of_line(text)
    if not day:
        return ""
    if _ISO_DAY.fullmatch(text, start, end) and (iso_time := _ISO_TIME.match(text, end)):
        # "2024-03-04T08:30:00Z", "2024-03-04 08:30+02:00" (not "March 3, 2026 09:42 PM")
        zone = iso_time[3] or ""
        offset = "+00:00" if zone == "Z" else zone if not zone or ":" in zone else f"{zone[:3]}:{zone[3:]}"
        return f"{day}T{iso_time[1]}:{iso_time[2]}{offset}"
    # The time that goes with this date, not one of a later part ("… | Aktualisiert: 12.03.2025");
    # or told just before it ("Last updated: 21:15, Sunday 7 January 2024").
    own = _UPDATED.split(text[end:], maxsplit=1)[0]
    found = _TIME_OF_DAY.search(own) or _TIME_BEFORE.match(text[:start])
    if found is None:
        return day
    hour, minute, half = int(found[1]), int(found[2]), (found[3] or "").lower()
    if found.re is _TIME_OF_DAY and found[4]:
        half = "a" if found[4] == "ص" else "p"
    if half and not 1 <= hour <= 12:
        return day
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    zone = _ZONE_AFTER.match(own, found.end()) if found.re is _TIME_OF_DAY else None
    if zone and zone["bare"]:  # "14:05 +0530": the offset alone
        return f"{day}T{hour:02d}:{minute:02d}{zone['bare'][:3]}:{zone['bare'][-2:]}"
    if zone and zone["sign"]:  # "11:42 AM GMT+2": the offset it gives (no time when it is none)
        return f"{day}T{hour:02d}:{minute:02d}{offset}" if (offset := utc_offset(zone)) else day
    if zone and zone["name"] in ZONE_OFFSETS:  # "6:00 a.m. EDT": the page's zone, not the newsroom's
        return f"{day}T{hour:02d}:{minute:02d} {zone['name']}"
    if zone and zone["name"] == "IST" and _INDIAN_SCRIPT.search(text):
        return f"{day}T{hour:02d}:{minute:02d}+05:30"  # a Hindi or Tamil page's IST is India's
    if zone and zone["name"] in AMBIGUOUS_ZONES:
        return day  # "14:05 IST" in English: India's, Ireland's or Israel's time; the day is the one printed
    return f"{day}T{hour:02d}:{minute:02d}"


# Zone names feeds and pages write after times (unambiguous ones only: "IST" is India's and Ireland's,
# "BST" British and Bangladeshi; "CST" is read as RFC 2822 reads it, US Central).
ZONE_OFFSETS = {
    "UT": "+0000",
    "UTC": "+0000",
    "GMT": "+0000",
    "Z": "+0000",
    "EST": "-0500",
    "EDT": "-0400",
    "CST": "-0600",
    "CDT": "-0500",
    "MST": "-0700",
    "MDT": "-0600",
    "PST": "-0800",
    "PDT": "-0700",
    "AKST": "-0900",
    "AKDT": "-0800",
    "HST": "-1000",
    "WET": "+0000",
    "WEST": "+0100",
    "CET": "+0100",
    "CEST": "+0200",
    "MET": "+0100",
    "MEST": "+0200",
    "EET": "+0200",
    "EEST": "+0300",
    "MSK": "+0300",
    "TRT": "+0300",
    "GST": "+0400",
    "PKT": "+0500",
    "HKT": "+0800",
    "SGT": "+0800",
    "JST": "+0900",
    "KST": "+0900",
    "AEST": "+1000",
    "AEDT": "+1100",
    "NZST": "+1200",
    "NZDT": "+1300",
    # Africa's, Asia's and South America's, as their papers print them: West, Central and East
    # Africa Time, South African Standard Time, Iran, Afghanistan, Uzbekistan, Azerbaijan, Nepal,
    # Indochina, Western and Central Indonesia, the Philippines, Brazil (Brasília), Venezuela.
    "WAT": "+0100",
    "CAT": "+0200",
    "EAT": "+0300",
    "SAST": "+0200",
    "IRST": "+0330",
    "AFT": "+0430",
    "UZT": "+0500",
    "AZT": "+0400",
    "NPT": "+0545",
    "ICT": "+0700",
    "WIB": "+0700",
    "WITA": "+0800",
    "PHT": "+0800",
    "BRT": "-0300",
    "VET": "-0400",
}
# Zone names that could mean two places, hours apart: India's or Ireland's (or Israel's) "IST", British
# Summer or Bangladesh "BST", Arabia or Atlantic "AST", Armenia or Amazon "AMT", Bangladesh or Brunei
# "BDT". A text's time in one of them is not read (the day is); a site's own zone may tell
# (``read_published``).
AMBIGUOUS_ZONES = frozenset({"IST", "BST", "AST", "AMT", "BDT"})
# India's scripts (Devanagari to Malayalam): a date line written in one of them is India's.
_INDIAN_SCRIPT = re.compile("[\u0900-\u0d7f]")
# An offset from UTC written after a time: "GMT+2", "UTC-03:30" (read by ``utc_offset``).
UTC_OFFSET = r"(?:GMT|UTC|UT)(?P<sign>[+-])(?P<hours>\d{1,2})(?::?(?P<minutes>[0-5]\d))?"
_ZONE_AFTER = re.compile(
    rf"\s*(?:{UTC_OFFSET}\b|(?P<name>[A-Z]{{2,5}})\b(?![+-]\d)|(?P<bare>[+-](?:0\d|1[0-4]):?[0-5]\d)(?!\d))"
)


def utc_offset(found: re.Match) -> str:
    """ "GMT+2", "UTC-03:30" (an offset from UTC written after a time) as "+02:00", "-03:30"; empty
    beyond the offsets clocks use (over 14 hours)."""
    hours, minutes = int(found["hours"]), int(found["minutes"] or 0)
    return f"{found['sign']}{hours:02d}:{minutes:02d}" if hours <= 14 else ""


_ISO_TIME = re.compile(
    r"[T\s]([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:[.,]\d+)?)?(Z|[+-](?:0\d|1[0-4]):?[0-5]\d\b)?"
)
# A time told before the date, after the date's label at most ("Last updated: 21:15, Sunday …").
_TIME_BEFORE = re.compile(
    rf"^\s*(?:(?:{_DATE_LEAD})\s*[:：]?\s*|{_SECTION_BEFORE_TIME})?([01]?\d|2[0-3])[:.h]([0-5]\d)\s*(?:([ap])\.?\s?m\b\.?)?,?\s+"
    rf"(?:(?:{_WEEKDAYS}),?\s+)?$",
    re.IGNORECASE,
)
# "14/03/2024" and "03/14/2024": read only when the order cannot be mistaken (one number over 12).
_SLASHED_DAY = re.compile(r"\b(\d{1,2})([/-])(\d{1,2})\2(\d{4})\b")  # "11/24/2026", "24-11-2026"


def _day_of_line(text: str) -> tuple[str, int, int]:
    """The first day the text names (YYYY-MM-DD) and where its mention starts and ends; ("", 0, 0)
    for none."""
    if (found := _ISO_DAY.search(text)) or (found := _CJK_DAY.search(text)):
        year, month, day = (int(part) for part in found.groups())
    elif found := _MONTH_DAY_YEAR.search(text):
        month, day, year = month_number(found[1]), int(found[2]), int(found[3])
    elif found := _THAI_DAY.search(text):
        day, month, year = int(found[1]), month_number(found[2]), common_era(int(found[3]))
    elif found := _DAY_MONTH_YEAR.search(text):
        day, month, year = int(found[1]), month_number(found[2]), int(found[3])
    elif found := _DOTTED_DAY.search(text):
        day, month, year = (int(part) for part in found.groups())
    elif (found := _SLASHED_DAY.search(text)) and (int(found[1]) > 12) != (int(found[3]) > 12):
        first, second, year = int(found[1]), int(found[3]), int(found[4])
        day, month = (first, second) if first > 12 else (second, first)
    elif found := _YEAR_FIRST_DAY.search(text):
        year, month, day = (int(part) for part in [found[1], *filter(None, found.groups()[1:])])
    else:
        return "", 0, 0
    try:
        return date(year, month, day).isoformat(), found.start(), found.end()
    except ValueError:
        return "", 0, 0


_WEEKDAY_TAIL = re.compile(rf"\s*(?:{_WEEKDAYS}),?$", re.IGNORECASE)


def writer_before_date(text: str) -> str:
    """The writer who signs just before a line's date ("By Jane Roe · 12 March 2025", "Von Anna
    Schmidt, 3. März 2025"), as a page prints them side by side; empty otherwise."""
    day, start, _ = _day_of_line(text)
    if not day:
        return ""
    before = text[:start].strip(" ,;|•·–—-")
    before = _WEEKDAY_TAIL.sub("", before).strip(" ,;|•·–—-")
    # (Signed, or a name and a comma: a bare name before a date is as often a category's, "Mental
    # Health · 3 March 2025"; "Олена Бойко, 12 квітня 2026, 09:15" is the writer's.)
    if BYLINE.match(before) or FOREIGN_BYLINE.match(before):
        return clean_byline(before)
    return _name_before_date(text) if text[len(before) : start].strip().startswith(",") else ""


def month_number(name: str) -> int:
    """The month a name matched case-insensitively means; 0 (no day) for a spelling the table
    does not hold ("Auguſt" and "APRİL" match, but do not lower-case to its keys)."""
    return _MONTH_NUMBERS.get(name.lower(), 0)


# (the date's label after the name, in the region's languages too: "Autor: Anna Kowalska Opublikowano: …")
_PUBLISHED_WORDS = r"updated|published|posted|opublikowano|aktualizacja|publicado|publié|veröffentlicht|опубликовано|опубліковано"
_BYLINE_TAIL = rf"(?:\s*(?:[,|•·-]|\b(?:and|und|et|y|e|и|і|{_PUBLISHED_WORDS})\b)\s*.{{0,60}})?$"
# "By", "Written by", "Story and photos by", "Summary by", "Words:" (not "Words matter").
_BY = (
    r"(?:by|(?:written|posted|reporting|summary|interview(?:ed)?"
    r"|(?:story|text|words)(?:\s+and\s+(?:photos?|pictures|photography|video))?"
    r"|(?:photos?|pictures|photography)\s+and\s+(?:text|words|story))\s+by|author|words(?=\s*:)"
    r"|our\s+(?:reporters?|correspondents?)(?=\s+(?-i:[A-Z])))"  # "Our reporters Hannah Briggs, Omar Said and …"
)
# A writer's label in the region's press: "Автор: Ирина Соколова", "Autor: Jan Nowak".
_AUTHOR_LABEL = (
    r"(?:автор|авторка|автори|авторы|аўтар|аўтары|текст|autor|autorin|auteur|autore|autora|autorius|autors)"
)
# "By" and "writer:" in Hindi, Arabic, Persian and Urdu, whose scripts have no capitals to tell a
# name by: "लेखक: सुनील वर्मा", "द्वारा रीना शर्मा", "بقلم: سارة المنصوري", "كتب: أحمد السالم" (the
# colon, or the dash Egyptian pages write, "كتب - …", "كتبت ـ …": "كتب" alone is "wrote"),
# "نویسنده: …", "تحریر: …".
_UNCASED_BY = (
    r"(?:लेखक|द्वारा|بقلم|بواسطة|نویسنده|نوشته)\s*:?|(?:रिपोर्ट|संवाददाता|كتب|كتبت|إعداد|تحریر|رپورٹ)\s*[:–—ـ-]"
)
_UNCASED_NAME_WORD = rf"(?:[^\W\d_]|[{MARKS}])+"
_UNCASED_DESKS = ("डेस्क", "ڈیسک")
BYLINE = re.compile(
    # (and the writer's address after the name: "By Dale Kowalczyk dkowalczyk@sentinel.example")
    rf"^(?:{_BY}\s*:?\s+[\w.'’-]+(?:\s+[\w.'’-]+){{0,5}}(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?"
    # The region's press: a labelled name ("Автор: Ирина Соколова", "Autor: Jan Nowak"; not
    # "Автор: не указан").
    rf"|{_AUTHOR_LABEL}\s*:\s*"
    rf"{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD}){{0,4}}"
    rf"|(?:{_UNCASED_BY})\s*{_UNCASED_NAME_WORD}(?:\s+{_UNCASED_NAME_WORD}){{0,3}}"
    # and a newsroom's desk, as "Web Desk" is: "ویب ڈیسک", "न्यूज़ डेस्क"
    rf"|(?=[^\x00-\x7f][^\n]{{0,60}}?(?:{'|'.join(_UNCASED_DESKS)}))(?:{_UNCASED_NAME_WORD}\s+){{1,2}}(?:{'|'.join(_UNCASED_DESKS)}))"
    + _BYLINE_TAIL,
    re.IGNORECASE,
)
# A Chinese or Japanese writer's line: the role, then the name ("记者 王丽", "本报记者 王丽", "編集委員
# 山田花子", "特派員 中村一郎"), or the name, then the role ("山田花子記者"). The role goes (``clean_byline``).
# (Not a heading that starts with the word: "记者会见", "記者クラブ", "记者手记", "記者の目".)
_CJK_ROLE = r"(?:本报|本社|新华社)?(?:记者|記者|特派员|特派員|编辑委员|編集委員|論説委員|首席记者)"
_CJK_NAME = r"[\u4e00-\u9fff\u3040-\u30ff]{1,4}(?:[\s·・][\u4e00-\u9fff\u3040-\u30ff]{1,4})?"
_CJK_WRITER = (
    rf"{_CJK_ROLE}\s*[:：]?\s*(?!会|招待|节|節|证|証|クラブ|手记|手記|调查|調査|の目|观察|観察|日记|日記){_CJK_NAME}(?:[、,，\s]+{_CJK_NAME}){{0,2}}$"
    rf"|{_CJK_NAME}\s*(?:记者|記者|特派员|特派員)$"
    # "作者：周晓雯" (author:), with its colon ("作者简介" is the writer's biography)
    rf"|作者\s*[:：]\s*{_CJK_NAME}(?:[、,，\s]+{_CJK_NAME}){{0,2}}$"
)
# "By" in another language before a name in capitals ("Von Anna Schmidt", "Par Jean-Luc Le Goff";
# not "Von den 20 …", nor a headline, "Par For The Course", "Von Miller Signs With Bills"): a
# byline only where one is expected, between a story's headline and its body.
FOREIGN_BYLINE = re.compile(
    r"^(?:(?-i:Von|Par|Por|Przez|VON|PAR|POR)\s+(?!(?:der|den|de|van|von|la|le|del|di|da|dos)\b)"
    r"(?!.*\b(?-i:The|For|With|And|Of|To|In|On|At|Al|El|Los|Las)\b)"
    rf"{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD}){{1,3}}"
    + _BYLINE_TAIL
    + "|"
    + _CJK_WRITER
    + ")",
    re.IGNORECASE,
)
_BYLINE_LEAD = re.compile(rf"^{_BY}\s*:?\s+", re.IGNORECASE)
# "By" in the languages of the region's press, before a name of two words or more ("Von Anna
# Schmidt", "Par Jean Dupont"; "Von Trapp" alone is a name).
_FOREIGN_BYLINE_LEAD = re.compile(
    r"^(?:von|par|por|door|av|af|przez|беседовал[аи]?|записал[аи]?|розмовляв|розмовляла|розмову вела?"
    r"|(?:автор(?:ы|и|ка)?|аўтар(?:ы)?|autor(?:in)?|auteur|текст)\s*:?)\s+"
    r"(?!(?:der|den|de|van|von|la|le|del|di|da|dos)\b)"
    r"(?=[^\W\d_]\S*\s+\S)"
    rf"|^{_CJK_ROLE}\s*[:：]?\s*|^作者\s*[:：]\s*|^(?:{_UNCASED_BY})\s*",
    re.IGNORECASE,
)
_CJK_ROLE_AFTER = re.compile(r"(?<=[\u4e00-\u9fff\u3040-\u30ff])\s*(?:记者|記者|特派员|特派員)$")
# What follows the name on a "Posted by … on March 3, 2025" line: the date, not the writer.
# A day without its year after a byline ("Nora Quinlan; March 8", once trafilatura dropped 2024).
DAY_WITHOUT_YEAR = re.compile(
    rf"^(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\.?\s+(?:{MONTHS})\.?)$", re.IGNORECASE
)
_POSTED_TAIL = re.compile(rf"\s+(?:last\s+)?(?:{_PUBLISHED_WORDS})(?:\s+(?:on|at))?\s*:?\s*$", re.IGNORECASE)
_ROLE_BEFORE_NAME = re.compile(
    r"^(?:[A-Za-z]+\s+){0,2}(?:reporter|correspondent|editor|writer|columnist|producer)\s+(?=(?-i:[A-Z]))",
    re.IGNORECASE,
)
_BYLINE_DATE_TAIL = re.compile(
    r"\s*(?:\b(?:on|am|le|el)\b|[,;|•·–—-])\s*|\s+(?=(?:last\s+)?(?:updated|published|posted|veröffentlicht|aktualisiert)\b)",
    re.IGNORECASE,
)
# One word after a full name: the place the writer files from, not a second writer (trafilatura
# joins the parts of "By Sigrid Olafsdottir, Reykjavik" with "; ").
_DATELINE_PLACE = re.compile(r"\s*[,;]\s*([^\W\d_][\w'’-]{2,})$")
# The outlet and the place after a signed name: "Por Ana Souza, g1 — Brasília", "Por João Lima, TV
# Globo — Rio de Janeiro" (Brazil's press signs so).
# (One word, or in lower case, between the comma and the dash: "Jane Roe, Tom Li — London" names two writers.)
_OUTLET_AND_PLACE = re.compile(
    r"\s*,\s*(?:[^\s,;—–]{1,20}|(?-i:[a-z])[^,;—–]{0,29}?)\s+[—–]\s+[^\W\d_][^,;—–]{1,40}$"
)
# Accounts, not writers: a blog's default user is no byline to publish.
_EDITED_BY = re.compile(
    r"\s*[;,|]\s*(?:editing|edited|additional reporting|graphics|fact[- ]checking|production) by\b.*$",
    re.IGNORECASE,
)
_NO_WRITER = frozenset({"admin", "administrator", "webmaster", "root", "user"})
# A newsroom's desk, not a person: "Gazette Staff", "AP STAFF", "Redaktion".
_DESK_WORDS = frozenset(
    {"staff", "desk", "team", "editors", "newsroom", "editorial"}
    | {"redaktion", "rédaction", "redacción", "redazione", "редакция", "редакція", *_UNCASED_DESKS}
)
# A newsroom's shared account, which CMSs put in a page's tags.
_ACCOUNT_WORDS = _DESK_WORDS | _NO_WRITER


def is_newsroom_account(byline: str) -> bool:
    return any(word.casefold() in _ACCOUNT_WORDS for word in words(byline))


_EMAIL = re.compile(r"^(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)
_MAILBOX_BESIDE = re.compile(r"\s*[<(\[]\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[>)\]]")
_MAILBOX_AFTER = re.compile(r"(?<=\w)\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_EMAIL_AND_NAME = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*\((.+)\)$")


def clean_byline(text: str) -> str:
    """A byline as a page prints it: the writer's name without the "By " a dump or a page
    carries ("By Marie Dubois" was shown as "By By Marie Dubois"), the name of an RSS
    "desk@wire.example (Aiko Tanaka)", and no bare address (a mailbox is not a byline, and
    it would be published)."""
    text = " ".join(text.split())
    signed = _BYLINE_LEAD.match(text) or _FOREIGN_BYLINE_LEAD.match(text)
    text = _CJK_ROLE_AFTER.sub("", _FOREIGN_BYLINE_LEAD.sub("", _BYLINE_LEAD.sub("", text)))
    for separator in _BYLINE_DATE_TAIL.finditer(text):
        rest = text[separator.end() :]
        if separator.start() > 0 and (is_date_line(rest) or DAY_WITHOUT_YEAR.match(rest)):
            text = text[: separator.start()].rstrip(" ,;|•·–—-")
            break
    # trafilatura's reading of "By health reporter Jess Miller<br>Posted <time>": the label of the
    # date after, and the writer's beat before the name.
    text = _POSTED_TAIL.sub("", text)
    if (role := _ROLE_BEFORE_NAME.match(text)) and len(words(text[role.end() :])) >= 2:
        text = text[role.end() :]
    if named := _EMAIL_AND_NAME.match(text):
        text = named[1].strip()
    text = _EDITED_BY.sub("", text)  # "Pablo Ortega; Editing by Sarah Kim": the writer, not the desk
    if _SIGNING_NAME.match(text) and " in " in text:
        text = text[: text.rindex(" in ")]  # "Priya Natarajan in London": where she files from
    if role := _NAME_AND_ROLE.match(text):
        text = role["name"]  # "David Ferreira | Contributing columnist", "Jane Roe, Staff Writer"
    if signed and (tail := _OUTLET_AND_PLACE.search(text)) and len(words(text[: tail.start()])) >= 2:
        text = text[: tail.start()]
    if (
        (dateline := _DATELINE_PLACE.search(text))
        # After "By …" a comma (after trafilatura's joining, a semicolon) sets off the place, not
        # a surname-first "García Márquez, Gabriel".
        and (signed or dateline[0].lstrip().startswith(";"))
        and dateline[1][1:].islower()  # not a credential ("Jillian Kubala, MS, RD")
        and len(words(text[: dateline.start()])) >= 2
    ):
        text = text[: dateline.start()]  # "Sigrid Olafsdottir, Reykjavik": where she files from
    # trafilatura joins a writer's parts with ";": "MATT HOLLOWAY; Staff Writer" names one writer
    text = _ROLE_PART.sub(lambda role: role[1] or "", text)
    if wire := _NAME_THEN_AGENCY.match(text):
        text = f"{wire[1]}, {wire[2]}"  # AP's "JANE HOLLOWAY Associated Press": the agency as after a comma
    if (bio := _BIO.match(text)) and _BARE_NAME.match(bio[1]):
        text = bio[1]  # "Maria Lopez is a branch manager with …": a note on the writer, read for a byline
        named = text.split()
        if len(named) >= 3 and named[-1] == named[0]:
            text = " ".join(named[:-1])  # an author card's "Sam Okoro" over "Sam covers …"
    if _EMAIL.match(text) or text.casefold() in _NO_WRITER:
        return ""
    text = _MAILBOX_BESIDE.sub("", text).strip()  # "Aiko Tanaka <aiko@wire.example>", "… (aiko@…)"
    text = _MAILBOX_AFTER.sub("", text)  # "Dale Kowalczyk dkowalczyk@sentinel.example"
    # (each of the writers the tags list: "Kevin Albright; SOFIA MARQUEZ")
    return "; ".join(_as_written(name) for name in text.split("; "))


_WRITERS_ROLE = (
    r"(?:(?:writer|columnist|correspondent|reporter|editor|contributor|journalist|critic|analyst)s?"
    r"|reporting service)"  # (Britain's "Local Democracy Reporting Service")
)
# A role after the writer's name, parted by a semicolon or after a name in capitals ("DEREK
# MAYFIELD Gazette Staff Writer").
_ROLE_QUALIFIER = (
    r"(?:staff|senior|chief|contributing|special|associate|deputy|managing|executive|political|business"
    r"|foreign|health|science|sports?|news|freelance|guest|local|national|investigative|democracy)"
)
# A writer's role on its own line under the name: "Staff Writer", "Gazette Senior Correspondent",
# "Chief football writer".
WRITERS_ROLE_LINE = re.compile(
    rf"^(?:(?-i:[A-Z])[\w-]*(?:\s+[\w-]+){{0,2}}\s+)?{_WRITERS_ROLE}$", re.IGNORECASE
)
_ROLE_PART = re.compile(
    rf";\s*(?:{_ROLE_QUALIFIER}\s+){{0,2}}{_WRITERS_ROLE}$"
    rf"|^((?-i:[A-Z][A-Z'’.-]+)(?:\s+(?-i:[A-Z][A-Z'’.-]+))+)\s+(?:(?-i:[A-Z][a-z][\w-]*)\s+){{1,3}}{_WRITERS_ROLE}$",
    re.IGNORECASE,
)
# A wire's byline, the writer's name in capitals and the agency's after it (an agency in capitals after
# capitals is an outlet's credit: "LE MONDE AVEC AFP").
_NAME_THEN_AGENCY = re.compile(
    r"^((?-i:[A-Z][A-Z'’.-]+)(?:\s+(?-i:[A-Z][A-Z'’.-]+))+)\s+"
    r"(Associated Press|Reuters|Agence France-Presse|Bloomberg News|Bloomberg|Press Association)$"
)
# A note on the writer where a byline was looked for: "Maria Lopez is a branch manager with …".
_BIO = re.compile(r"^(.{3,60}?)\s+(?:(?:is|was|has been)\s+(?:a|an|the)\b|(?:writes|covers|reports)\s+\w)")

# News agencies, as their credits write them ("(dpa/rr)", "AP", "LE MONDE AVEC AFP").
_AGENCY_WORD_LIST = """dpa afp ap reuters rtr efe ansa apa sda kna epd pap tass ria interfax ukrinform unian bta
    mti ctk xinhua kyodo yonhap lusa belga anp ntb tt stt ritzau sid ots bloomberg upi pti ians wam kuna qna irna isna bss"""
NEWS_AGENCIES = frozenset(_AGENCY_WORD_LIST.split())
# An outlet's words, not a person's name: "AP STAFF", "LE MONDE AVEC AFP".
_NEWSROOM_WORDS = (
    NEWS_AGENCIES
    | _DESK_WORDS
    | {
        "wire",
        "wires",
        "agency",
        "agencies",
        "reporters",
        "avec",
        "with",
    }
)
_MC = re.compile(r"\b(Mc)([a-z])")  # "MCDONALD": McDonald
# Words a name in capitals keeps in lower case ("JUAN DE LA CRUZ", "ANNA AND TOM") and its
# numerals ("III").
_NAME_JOINERS = {
    "der",
    "den",
    "ter",
    "and",
    "und",
    "et",
    "y",
    "e",
    "i",
    "и",
    "і",
    "та",
    "de",
    "del",
    "la",
    "da",
    "di",
    "van",
    "von",
}
_ROMAN_NUMERAL = re.compile(r"^[IVX]+\.?$")
_VOWEL = re.compile(r"[AEIOUYÀ-ÆÈ-ÏÒ-ÖØ-ÜАЕЁИОУЫЭЮЯІЇЄ]")
_NAME_PART_END = re.compile(r"\s*[,;/|(]")


def _as_written(byline: str) -> str:
    """A name printed in capitals ("BY JANE DOE-SMITH" in wire copy and many papers) as a name is
    written, "Jane Doe-Smith"; what follows a comma, slash, bar or bracket (an agency, "AP") stays
    as printed, and so does a single word ("AFP")."""
    end = _NAME_PART_END.search(byline)
    name, rest = (byline[: end.start()], byline[end.start() :]) if end else (byline, "")
    named = [word for word in name.split() if word.lower() not in _NAME_JOINERS]
    letters = [character for character in "".join(named) if character.isalpha()]
    if (
        len(named) < 2
        or not all(character.isupper() for character in letters)
        or not all(
            _VOWEL.search(word) or _ROMAN_NUMERAL.match(word) for word in named
        )  # "NASA JPL": initials
        or _is_masthead(name)  # "USA TODAY", "ABC NEWS", "EU OBSERVER"
        or any(word.casefold() in _NEWSROOM_WORDS for word in named)  # "AP STAFF", "LE MONDE AVEC AFP"
    ):
        return byline
    written = [
        word
        if _ROMAN_NUMERAL.match(word)
        else word.lower()
        if word.lower() in _NAME_JOINERS and n
        else word.title()
        for n, word in enumerate(name.split())
    ]
    return _MC.sub(lambda mc: mc[1] + mc[2].upper(), " ".join(written)) + rest


# A credit line: "Photo: …", "Photo/AP", "Image by Jane Roe", "Photo courtesy of …", "Source: …",
# "Video – Getty", or an agency in brackets.
CREDIT = re.compile(
    r"^\(?(?:(?:photo|image|picture|video|illustration|file photo|photograph|photography)s?"
    r"(?:\s+(?:credits?|source|illustration))?|sources?|credits?"
    # The region's press: "Фото: пресс-служба мэрии", "Crédit photo : AFP", "Foto: dpa", "Quelle: …"
    r"|фото(?:графия)?|видео|источник|джерело|crédits?(?: photo)?|foto(?:s|grafía)?|bild|quelle|fuente|imagen)"
    r"\s*(?:[:©/]|(?P<word>\b(?:by|via|from|courtesy(?: of)?)\b|[–—-](?=\s)))(?P<credit>[^.]{1,80}?)\)?$"
    r"|^.{0,80}\((?:getty images|ap|afp|reuters|epa|shutterstock|file)(?:/[^)]*)?\)\s*$",
    re.IGNORECASE,
)
# A photo's credit after a sentence: "… at dusk. (Image: Calder & Wynn)", "… call 101. (Photo: Avon
# Police)". The credit goes; the sentence, a caption or the story's own, stays.
TRAILING_CREDIT = re.compile(
    # "(Photo: Sam Lee)", "(Courier-Journal photo by Ben Ostrowski)", "(AP Photo/Evan Vucci)"
    r"(?<=[.!?])\s*(?:\((?:[\w.&'’-]+\s+){0,3}(?:image|photo|picture|pic|foto|фото)s?\s*(?::|by\b|/)\s*[^()]{1,60}\)"
    # or unbracketed, a name alone after the label: "… on the ice. Photo: Ines Ruiz"
    rf"|(?:image|photo(?:graph)?|picture|foto|фото)s?\s*(?::|by\b)\s*{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD}){{0,3}}"
    rf"(?:\s*/\s*[\w .&-]{{1,30}}|\s+for\s+{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD}){{0,3}})?)\s*$",
    re.IGNORECASE,
)
# After a word or a dash the credit is a name alone ("Photo by Jane Roe/Reuters", "by staff"): a
# heading that only starts like one goes on in lower case ("Video from the scene shows …",
# "Photo by Lee Miller sells for £1m", "Images from the survey reveal …", "Source - a history").
_CREDIT_WORDS = frozenset(
    (
        "the",
        "of",
        "and",
        "for",
        "via",
        "by",
        "staff",
        "photographer",
        "photographers",
        "author",
        "writer",
        "artist",
        "handout",
        "file",
        "courtesy",
        "used",
        "with",
        "permission",
        "under",
        "license",
        "licence",
    )
)


def is_credit(text: str) -> bool:
    """Is the line a photo, video or source credit?"""
    found = CREDIT.match(text)
    if found is None:
        return False
    if not found.group("word"):
        return True
    return all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _CREDIT_WORDS
        for word in words(found.group("credit"))
    )


READ_TIME = re.compile(
    r"^(?:(?:(?:estimated\s+)?(?:reading|read)\s+time|lesezeit|lesedauer|temps de lecture|lecture|tiempo de lectura"
    r"|время чтения|час читання|czas czytania)\s*:?\s*)?~?\s*"
    r"\d+\s*(?:min(?:ute)?s?|mins?|minuten|min\.|мин\.?|минут[аы]?|хв\.?|хвилин[аи]?)(?:\s+read(?:ing)?)?$",
    re.IGNORECASE,
)
# A cookie-consent notice, in the languages of the region's press: never part of a story.
COOKIE_NOTICE = re.compile(
    r"\b(?:(?:we|this (?:web)?site|our (?:web)?site) (?:uses?|may use|stores?) cookies"
    r"|(?:necessary|essential|functional|analytics?|performance|advertising|third[- ]party) cookies"
    r"|cookies? (?:policy|settings|preferences|consent|banner)|(?:accept|reject|manage) (?:all )?cookies"
    r"|(?:wir|diese (?:web)?seite|unsere (?:web)?seite) (?:verwendet|verwenden|nutzt|nutzen|setzt|setzen) cookies"
    r"|cookies? (?:akzeptieren|zulassen|ablehnen|einstellungen)"
    r"|(?:nous|ce site) (?:utilisons|utilise) des cookies|(?:accepter|refuser|gérer) (?:les |tous les )?cookies"
    r"|(?:usamos|utilizamos|este sitio(?: web)? (?:usa|utiliza)) cookies|(?:aceptar|rechazar) (?:todas )?(?:las )?cookies"
    r"|(?:мы|сайт) использу(?:ем|ет) (?:файлы )?cookie|(?:ми|сайт) використову(?:ємо|є) (?:файли )?cookie"
    # Polish, Lithuanian, Latvian: "Ta strona używa plików cookie", "Naudojame slapukus", "izmantojam sīkdatnes"
    r"|(?:używa(?:my)?|wykorzystuje(?:my)?) (?:plik(?:ów|i) )?cookies?|pliki cookies?|slapuk(?:us|ai|ų)|sīkdatn(?:es|ēm))",
    re.IGNORECASE,
)


def is_cookie_notice(text: str, n: int) -> bool:
    """A cookie notice of ``n`` words: its phrasing, up to 80 words, in the site's own voice unless
    it is a few words ("Accept all cookies"); not a story's paragraph about third-party cookies.

    The pattern is searched only in a text that holds, in any case, a word each of its phrases holds
    ("cook", "lapuk", "kdatn"): the alternation, tried at every word, was 0.27 of the 0.30 ms the
    HTML cleaner spent on a page's blocks."""
    lowered = text.lower()
    return (
        n <= 80
        and ("cook" in lowered or "lapuk" in lowered or "kdatn" in lowered)
        and COOKIE_NOTICE.search(text) is not None
        and (n <= 6 or _SITE_VOICE.search(text) is not None)
    )


def speaks_for_the_site(text: str) -> bool:
    """Whether the text speaks in the site's own voice ("This website uses cookies …", "We …"),
    not quoting or reporting one that does ('a box reading "This website uses cookies …"')."""
    return any(not REPORTED.search(text, 0, found.start()) for found in _SITE_VOICE.finditer(text))


# The site speaking for itself, as a cookie notice does ("We use cookies", "Wir verwenden …", "Ta
# strona używa plików cookie", "Сайт использует файлы cookie", "Naudojame slapukus", "Mēs izmantojam
# sīkdatnes"); the Baltic notices' "we" and "our" (Latvian "mēs", "mūsu"; Lithuanian "mūsų": its
# "mes" is Spanish's "month"), and a notice telling its reader that they agree ("you agree", Latvian
# "Jūs piekrītat", Lithuanian "sutinkate", Polish "zgadzasz się", Russian "вы соглашаетесь",
# Ukrainian "ви погоджуєтесь").
_SITE_VOICE = re.compile(
    r"\b(?:we|our|this (?:web)?site|wir|unsere|diese (?:web)?seite|nous|notre|ce site|usamos|utilizamos"
    r"|este sitio|мы|наш|ми|сайт использует|сайт використовує|ta strona|używamy|wykorzystujemy|naudojame"
    r"|izmantojam|mēs|mūsu|mūsų|you (?:agree|consent)|piekrītat|sutinkate|zgadzasz się|вы соглашаетесь"
    r"|ви погоджуєтес[ья])\b",
    re.IGNORECASE,
)
# Possessive: a line of figures ("2,025,000 people") was split every possible way before failing
# (4.4 of the text cleaner's 7.5 CPU-seconds on the 791 development dumps; same matches).
COUNTERS = re.compile(
    r"^(?:\d[\d,.]*+\s*+[kKmM]?\s*+(?:shares?|views?|comments?|likes?|reads?)?\s*+)++$"
    r"|^\d{1,3}\s+(?:/|of)\s+\d{1,3}$"  # a gallery's "1 / 12" (not a rating, "5/5")
)
# A story's number in the site's system, which news agencies print by the headline: "News ID:
# 123456", "Article No. 98765", Persian "کد خبر: ۱۲۳۴۵۶" and "شناسه خبر", Arabic "رقم الخبر".
STORY_ID = re.compile(
    r"^(?:(?:news|story|article|post)\s+(?:id|code|no\.?|number)|(?:کد|شناسه)\s+(?:خبر|مطلب)|رقم\s+(?:الخبر|المقال))"
    r"\s*[:：#]?\s*\d+$",
    re.IGNORECASE,
)

SOCIAL_NETWORKS = (
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "pinterest",
    "telegram",
    "reddit",
    "instagram",
    "youtube",
    "tiktok",
    "tumblr",
    "snapchat",
    "bluesky",
    "mastodon",
)
# Words that are furniture only when a line holds nothing else ("Newsletter", "Subscription",
# "Facebook | X | LinkedIn": X is a network there, a letter elsewhere): in a heading or a
# sentence they are its subject ("How YouTube Live works for creators", "Subscription box
# details", "Don't forget the ports"). A network named as the place to go ("follow me on
# Instagram", "@cafe on Instagram") is an appeal.
TOPIC_PATTERNS = [r"newsletters?\b", r"subscriptions?\b", r"don[’']?t forget\b", r"dont forget\b"]
TOPIC_APPEAL = re.compile(
    rf"\b(?:{'|'.join(SOCIAL_NETWORKS)}|{'|'.join(pattern.removesuffix(r'\b') for pattern in TOPIC_PATTERNS)})\b",
    re.IGNORECASE,
)
_AT_NETWORK = re.compile(rf"\b(?:on|via|at) (?:{'|'.join(SOCIAL_NETWORKS)})\b", re.IGNORECASE)
_HANDLE = re.compile(r"@[\w.]+")
# What stands beside those words on a share bar or a sign-up box ("Facebook Twitter Email",
# "Get our free newsletter", "Newsletter sign-up", "Facebook Messenger").
_FILLER = frozenset(
    (
        "and",
        "or",
        "the",
        "our",
        "us",
        "on",
        "with",
        "in",
        "to",
        "for",
        "me",
        "my",
        "of",
        "a",
        "share",
        "email",
        "e-mail",
        "mail",
        "print",
        "copy",
        "link",
        "messenger",
        "x",
        "get",
        "free",
        "sign",
        "signup",
        "sign-up",
        "up",
        "join",
        "follow",
        "like",
        "daily",
        "weekly",
        "channel",
        "updates",
        "gift",
        "manage",
        "your",
    )
)

# Phrasing that addresses the reader on the site's behalf, or navigates, rather than reports.
# Each is a general pattern of page furniture; a long line needs several before it counts.
# Every pattern starts with a literal word (matched on lower-cased text), so one Aho-Corasick
# pass finds where to try them: a line costs one scan, not one per pattern.
# An advertisement's marker, alone on its line or in its paragraph.
AD_MARKERS = (
    *("advertisement", "anzeige", "werbung", "реклама", "publicité", "publicidad", "publicidade"),
    *("reklama", "reklāma", "рэклама", "โฆษณา"),
)
# "Read more" in the region's languages, as feeds end an excerpt.
READ_ON = (
    *("читать далее", "читать полностью", "читати далі", "weiterlesen", "lire la suite", "leer más"),
    *(
        "continue lendo",
        "continuar lendo",
        "czytaj dalej",
        "czytaj więcej",
        "skaityti daugiau",
        "lasīt vairāk",
    ),
)

# "All rights reserved" in Arabic, Persian and Urdu: "جميع الحقوق محفوظة", "تمامی حقوق این سایت محفوظ
# است", "جملہ حقوق محفوظ ہیں" (all of the rights: not a story's "حقوق العمال محفوظة", workers' rights
# are protected).
_EVERY_RIGHT = ("جميع", "كافة", "تمامی", "کلیه", "جملہ")
_RIGHTS_RESERVED = rf"(?:{'|'.join(_EVERY_RIGHT)}) (?:ال)?حقوق[^.؟!]{{0,40}}محفوظ"
_SHOP = r"[\w&'’.-]+(?: [\w&'’.-]+){0,2}"  # a retailer's name: "Amazon", "Best Buy", "Crate & Barrel"
APPEAL_PATTERNS = [
    # A retailer's button under a product in a buying guide: "Buy on Amazon for $9", "$24 at Target",
    # "Check price at Walmart".
    ("buy ", rf"^buy (?:it )?(?:on|at|from) {_SHOP}(?: for \$\d[\d,.]*)?\s*$"),
    ("check price", rf"^check (?:the )?price (?:on|at) {_SHOP}\s*$"),
    ("see price", rf"^see price (?:on|at) {_SHOP}\s*$"),
    ("$", rf"^\$\d[\d,.]*(?: (?:for|a|per) [\w-]+)? (?:at|on|from) {_SHOP}\s*$"),
    r"thanks?(?: you)? for (?:visiting|reading|being|stopping|watching|your (?:visit|support|interest))",
    r"bookmark\b",
    r"subscribe\b",
    r"sign(?:ing)? ?up\b",
    # a newsletter's footer, copied with its story: "Forwarded this email?", "You are receiving …"
    ("forwarded this", r"forwarded this (?:e-?mail|newsletter)\s*\?"),
    *(
        (f"{you} receiving this", rf"{you} receiving this (?:e-?mail|newsletter)\b")
        for you in ("you are", "you're", "you’re")
    ),
    r"view (?:this|it) (?:e-?mail |newsletter )?in (?:your|a|the) browser\b",
    r"follow (?:us|our|me)\b",
    r"get (?:our|the) (?:\w+ ){0,3}newsletters?\b",
    r"join (?:thousands|millions|us|our|the conversation|the discussion)\b",
    r"don[’']?t miss\b",
    r"dont miss\b",
    r"stay (?:in the know|connected|informed|updated|tuned)\b",
    r"check back\b",
    r"welcome to\b",
    r"your (?:ultimate|trusted|go-to|one-stop|number one|#1|favou?rite) (?:source|destination|site|place)\b",
    r"feel free to\b",
    r"reach out\b",
    r"we[’']?d love to hear\b",
    r"contact (?:us|page|form)\b",
    r"our (?:web ?site|site|platform|news platform|team|community|readers|newsletter|app|editors|partners|sponsors)\b",
    r"this (?:web ?site|site)\b",
    r"visit (?:us|our|\w+ (?:website|site))\b",
    r"cookies?\b",
    r"privacy (?:policy|notice|settings)\b",
    r"terms (?:of (?:use|service)|and conditions|& conditions)\b",
    r"all rights reserved\b",
    # … and in Hindi, Arabic, Persian and Urdu ("सर्वाधिकार सुरक्षित", "جميع الحقوق محفوظة", "تمامی حقوق …
    # محفوظ است", "جملہ حقوق محفوظ ہیں")
    r"सर्वाधिकार सुरक्षित",
    *(f"{every} {_RIGHTS_RESERVED.split(' ', 1)[1]}" for every in _EVERY_RIGHT),
    r"©",
    ("(c)", r"\(c\)\s*\d{4}"),
    r"copyright\s*(?:©\s*)?\d{4}",
    r"click here\b",
    r"read (?:more|next|also|the full|full|our)\b",
    r"continue reading\b",
    r"share (?:this|on|via|the|article|story|post)\b",
    # and the region's share buttons: "Compartir en Facebook", "Partager sur X", "Link kopieren"
    r"compartir en\b",
    r"partager sur\b",
    r"teilen auf\b",
    ("copy link", r"^copy link\s*$"),
    ("copiar enlace", r"^copiar enlace\s*$"),
    ("copier le lien", r"^copier le lien\s*$"),
    ("link kopieren", r"^link kopieren\s*$"),
    # … in Hindi, Arabic, Persian and Urdu: "शेयर करें", "شارك", "اشتراک گذاری", "شیئر کریں" alone on
    # their line; "हमें फॉलो करें", "تابعونا" (follow us), "जुड़े रहें" (stay connected) anywhere.
    *(
        (literal, rf"^{literal}{rest}\s*[:：]?\s*$")
        for literal, rest in (
            ("शेयर", r"(?: करें| कीजिए)?"),
            ("شارك", r"(?:\s+(?:الخبر|المقال|على))?"),
            ("مشاركة", r"(?:\s+(?:الخبر|المقال))?"),
            ("اشتراک", r"(?:[\s\u200c]*گذاری)?"),
            ("شیئر", r"(?: کریں)?"),
        )
    ),
    r"हमें फॉलो करें",
    r"फॉलो करें\b",
    r"تابعونا\b",
    r"تابعوا\b",
    r"ہمیں فالو کریں",
    r"ما را دنبال کنید",
    r"advertisement\b",
    # An advertisement's marker alone on its line, and the appeals of the region's press.
    *((word, rf"^{word}\s*$") for word in AD_MARKERS[1:]),  # "advertisement" is furniture anywhere
    r"подписывайтесь\b",
    r"подпишитесь\b",
    r"підписуйтесь\b",
    r"підпишіться\b",
    r"abonnieren sie\b",
    r"abonnez-vous\b",
    r"suscríbete\b",
    # Brazil's press: "Assine o g1", "Inscreva-se", "Receba as notícias do g1 no WhatsApp", "Siga o
    # g1 no Instagram", "Compartilhe esta notícia", "Todos os direitos reservados".
    ("assine", r"^assine\b"),
    r"inscreva-se\b",
    r"receba (?:as |nossas )?notícias\b",
    (
        "siga ",
        r"^siga (?:o|a|os|as|-nos|nos)\b.{0,40}\b(?:instagram|facebook|twitter|x|youtube|tiktok|whatsapp|telegram|threads)\b",
    ),
    ("compartilhe", r"^compartilhe\b"),
    r"todos os direitos reservados\b",
    # Poland's, Lithuania's, Latvia's and Belarus's press: subscribe, follow us, share, all rights
    # reserved ("Zapisz się do newslettera", "Obserwuj nas w Google News", "Visos teisės saugomos").
    r"zapisz się\b",
    r"subskrybuj\b",
    r"obserwuj nas\b",
    r"udostępnij\b",
    r"wszelkie prawa zastrzeżone\b",
    r"sekite mus\b",
    r"prenumeruokite\b",
    r"visos teisės saugomos\b",
    r"seko mums\b",
    r"piesakies\b",
    r"abonē\b",
    r"visas tiesības aizsargātas\b",
    r"падпісвайцеся\b",
    r"падпішыцеся\b",
    r"усе правы абаронены\b",
    # A subscription's offer: "Jetzt weiterlesen mit RR+", "Lesen Sie alle Artikel für nur 0,99 € im
    # ersten Monat. Jederzeit kündbar", "cancel anytime" (not a price alone: "for just $3.39 per
    # month" is a product review's; nor "unlimited access": "Unlimited access for residents").
    r"weiterlesen mit\b",
    r"jetzt abonnieren\b",
    # "Sie lesen diesen Artikel kostenlos. Unterstützen Sie unabhängigen Journalismus – jetzt Abo
    # abschließen."
    r"abo abschließen\b",
    r"unterstützen sie (?:unseren |unabhängigen |den |guten )?(?:qualitäts|lokal)?journalismus\b",
    r"sie lesen diesen (?:artikel|beitrag|text) kostenlos\b",
    r"jederzeit kündbar\b",
    r"cancel (?:at )?any ?time\b",
    r"résiliable à tout moment\b",
    r"cancela cuando quieras\b",
    r"alle (?:artikel|inhalte)\b",
    # Sign-in and paywall prompts and listen buttons of the region's press ("Se connecter",
    # "Cet article est réservé aux abonnés", "Artikel anhören").
    ("abonner", r"^s[’']abonner\s*$"),
    ("se connecter", r"^(?:déjà abonné\s*\?\s*)?se connecter\s*$"),
    r"réservée? aux abonnés\b",
    r"il vous reste \d",
    r"déjà abonné\b",
    ("anmelden", r"^anmelden\s*$"),
    ("einloggen", r"^einloggen\s*$"),
    r"nur für abonnenten\b",
    r"artikel anhören\b",
    ("iniciar sesión", r"^iniciar sesión\s*$"),
    r"exclusivo para suscriptores\b",
    r"tu suscripción\b",  # "¿Quieres añadir otro usuario a tu suscripción?"
    r"только для подписчиков\b",
    r"listen to (?:this|the) (?:article|story)\b",
    r"écouter (?:cet|l[’'])article\b",
    r"escuchar (?:este |el )?artículo\b",
    r"send (?:us )?(?:a |your )?letters? to the editor\b",
    r"views expressed (?:in|here|are)\b",
    r"make our (?:work|journalism) possible\b",
    r"support (?:our|this) (?:work|newsroom|mission)\b",
    r"tax-deductible (?:donation|gift)\b",
    ("donate", r"\bdonate(?: now| today)?\s*$"),
    r"please chip in\b",
    ("reader-", r"reader-(?:funded|supported)\b"),
    *(
        rf"this {kind} (?:first )?(?:appears|appeared|was (?:first )?published) in\b"
        for kind in ("essay", "article", "story", "piece", "interview", "column")
    ),
    *(
        (f"support {whose}", rf"^support {whose} (?:journalism|writing|reporting|news)\b")
        for whose in ("independent", "our", "local")
    ),
    r"sponsored\b",
    r"advertise with us\b",
    r"ลงโฆษณา",  # Thai: "advertise (with us)"
    *(
        rf"{kind} (?:posts?|articles?|stories|news|reads|videos|from)\b"
        for kind in (
            "related",
            "recommended",
            "popular",
            "trending",
            "latest",
            "featured",
            "recent",
            "more",
        )
    ),
    r"you (?:may|might) (?:also )?(?:like|enjoy|be interested)\b",
    r"leave a (?:comment|reply)\b",
    r"log ?(?:in|out)\b",
    r"sign ?(?:in|out)\b",
    r"download (?:our|the)(?: [\w-]+){0,3} app\b",
    r"skip to (?:main )?content\b",
    # a phone's reader mode and its buttons, copied with the story
    ("reader ", r"^reader (?:view|mode)\s*$"),
    ("open in ", r"^open in (?:safari|chrome|firefox|(?:the )?app|(?:your |a )?browser)\s*$"),
    # a channel's forwarded post: "Forwarded from Riverside Dispatch Live"
    ("forwarded from ", r"^forwarded from\b.{0,60}$"),
    # … and in the region's languages, as a whole line: "Zum Inhalt springen", "Aller au contenu"
    *(
        (literal, rf"^{literal}{rest}$")
        for literal, rest in (
            ("zum inhalt", r"(?: springen)?"),
            ("zum hauptinhalt", r"(?: springen)?"),
            ("direkt zum inhalt", ""),
            ("springe zum inhalt", ""),
            ("aller au contenu", r"(?: principal)?"),
            ("passer au contenu", r"(?: principal)?"),
            ("ir al contenido", r"(?: principal)?"),
            ("saltar al contenido", r"(?: principal)?"),
            ("перейти к ", r"(?:основному )?(?:содержанию|содержимому|контенту)"),
            ("перейти до ", r"(?:основного )?(?:змісту|вмісту|контенту)"),
        )
    ),
    # a sign-up card's pitch, a wire's licensing and standards links
    *(rf"{what} by e-?mail\b" for what in ("every new story", "every story", "every new post")),
    r"purchase licensing rights\b",
    r"our standards\s*:",
    # a consent dialog's button
    (
        "manage ",
        r"^manage (?:my |your )?(?:privacy |consent |cookie )?(?:preferences|choices|options|settings)$",
    ),
    r"enlarge (?:this )?(?:image|photo)\b",
    r"table of contents?\b",
    r"back to top\b",
    r"print this\b",
    r"email (?:this|us|address)\b",
    r"your (?:email|inbox)\b",
    r"all (?:fields|comments)\b",
    r"powered by\b",
    r"see (?:all|more)\b",
    r"view (?:all|more|comments)\b",
    r"load more\b",
    # Labels that open a line ("Tags: …", "Categories: …"); inside a sentence they introduce its
    # list ("Break your budget into clear categories:").
    ("tag", r"^tags?:"),
    ("related tag", r"^related tags?:"),
    ("categor", r"^categor(?:y|ies):"),
    r"filed under\b",
]


# An affiliate or sponsorship disclosure: sites put it above the story ("If you buy through our
# links, we may earn a commission") as often as below it. In the site's own voice: a quoted or
# reported sentence ("'We earn a commission only when the house sells,' said the agent") is the
# story's, and "at no extra cost to you" counts only beside links, purchases or commissions.
_DISCLOSURE = re.compile(
    r"\b(?:(?:we|I)\b[^.!?]{0,40}?\b(?:earn|receive|get|make)s? (?:an? )?(?:small )?(?:affiliate )?(?:commissions?|compensation)\b"
    r"|(?:earn|make)s? us (?:an? )?(?:small )?(?:affiliate )?commission|(?:may|might) (?:earn|receive) (?:an? )?(?:small )?"
    r"(?:affiliate )?commission|(?:we|I) (?:may|might) be compensated"
    r"|(?:(?:post|article|page|site|blog|review|guide)s? (?:may )?(?:contains?|uses?|includes?)|(?:we|I) (?:may |also )?use)"
    r" (?:some )?(?:affiliate|commissionable) links?\b|affiliate links (?:are|may be) used|affiliate disclosure"
    r"|as an amazon associate|from qualifying purchases)",
    re.IGNORECASE,
)
_NO_COST = re.compile(r"\bat no (?:additional|extra) cost to you\b", re.IGNORECASE)
_SHOPPING = re.compile(r"\b(?:links?|purchases?|buy|commissions?|affiliates?)\b", re.IGNORECASE)
REPORTED = re.compile(r"[“”\"«»„]|\b(?:said|says|told|tells|according to|added|explained)\b", re.IGNORECASE)
_DISCLOSURE_WORDS = 60


def is_disclosure(text: str, n: int) -> bool:
    """An affiliate or sponsorship disclosure of ``n`` words, in the site's own voice."""
    if n > _DISCLOSURE_WORDS:
        return False
    if not (_DISCLOSURE.search(text) or (_NO_COST.search(text) and _SHOPPING.search(text))):
        return False  # the common case, decided by one or two searches
    return not REPORTED.search(text)


# A note that the story is an agency's copy run as it came, which Indian papers put under it: "…
# the rest of the content is auto-generated from a syndicated feed", "this story has not been
# edited by … staff and is published from a syndicated feed". Never the story's own words.
_AGENCY_COPY_NOTE = (
    r"(?:auto-?generated|published) from an? (?:syndicated|agency|news agency|wire) feed"
    r"|(?:story|article|report|copy|headline) (?:has|have) not been edited by [^.]{0,40}\bstaff\b"
)
# The small print pages put under a story: disclaimers and licence notes (affiliate notes are
# ``is_disclosure``'s, above the story and below it).
_SMALL_PRINT = re.compile(
    r"\b(?:for (?:general )?informational (?:and educational )?(?:purposes )?only|(?:is|are) not intended (?:to|as)"
    r"|does not constitute|should not be (?:construed|considered|relied)|not (?:a substitute for|intended to provide) "
    rf"|all rights reserved|सर्वाधिकार सुरक्षित|{_RIGHTS_RESERVED}|no reproduction without permission|無断(?:転載|複製|転用)|views expressed|do not necessarily (?:reflect|represent)"
    r"|past performance|subject to (?:investment )?risks?|registered trademarks?\b|copyright ©|©\s?\d{4}"
    # a reprint notice: "This copy is for your personal, noncommercial use only."
    r"|for your personal,? non-?commercial use only"
    rf"|{_AGENCY_COPY_NOTE}"
    # the print edition's line, the letters page's call, closed comments
    r"|a version of this (?:article|story|column) appear(?:s|ed) in print\b|welcomes letters to the editor"
    r"|comments (?:are|have been) closed\b|kommentarfunktion ist (?:für diesen artikel )?(?:geschlossen|deaktiviert))",
    re.IGNORECASE,
)
# A note about the author: "Jane Roe is a freelance writer ...", "Hi, I'm Jane!".
_AUTHOR_NOTE = re.compile(
    r"^(?:about the author\W*)?(?:(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}),? (?:(?:is|was|has been|serves as|holds|joined|brings)"
    r" (?:a|an|the|currently|also|[A-Z][\w.-]*['’]s)\b|covers|writes (?:about|for)|reports (?:on|for))"
    r"|(?:hey|hi|hello)[,!]? i[’']m\b)",
    re.IGNORECASE,
)
_AUTHOR_ROLE = re.compile(
    r"\b(?:writer|editor|journalist|reporter|founder|co-?founder|author|contributor|columnist|blogger|attorney|lawyer"
    r"|professor|director|executive|CEO|owner|consultant|specialist|expert|correspondent|freelance|graduate|degree|MBA"
    r"|photographer|photojournalist|illustrator|producer|presenter|broadcaster"
    r"|periodista|economista|profesora?|escritora?|redactora?|corresponsal|journaliste|écrivaine?|professeure?"
    r"|rédact(?:eur|rice)|correspondante?|journalist(?:in)?|redakteur(?:in)?|autor(?:in)?|korrespondent(?:in)?"
    r"|dziennikar(?:z|ka)|(?:журналист|журналіст|корреспондент|кореспондент|редактор|профессор|професор"
    r"|экономист|економіст|писател|письменни)\w*)\b",
    re.IGNORECASE,
)
# The same note in the region's languages, the name in capitals: "Elena Ruiz es economista …",
# "Anna Berg ist Redakteurin …", "Марія Волкова є журналісткою …".
_FOREIGN_AUTHOR_NOTE = re.compile(
    r"^(?!(?:Der|Die|Das|Ein|Eine|El|La|Las|Los|Le|Les|Un|Una|Une|Il|Lo)\s)"
    rf"{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD}){{1,3}},?\s+(?:es|est|ist|jest|является|є)\s+"
    r"(?:(?:un|una|une|ein|eine)\s+)?(?:\w+\s+)?(?=\w*(?i:periodista|economista|profesor|escritor|redactor|corresponsal"
    r"|journaliste|écrivain|professeur|rédact|correspondant|journalist|redakteur|autor|korrespondent|dziennikar"
    r"|журналист|журналіст|корреспондент|кореспондент|редактор|профессор|професор|экономист|економіст|писател|письменни))"
)
# How to reach the writer, in a note about them: "Reach her at jroe@example.com".
_WRITER_CONTACT = re.compile(
    r"\b(?:reach|contact|email|e-mail|follow) (?:him|her|them) (?:at|on)\b", re.IGNORECASE
)


# What Chinese sites print under every story: the licence and registration numbers the law asks
# them to show ("京ICP备13028878号-6", "京公网安备11010502032503号", "互联网新闻信息服务许可证10120170006",
# "京网文[2011]0283-097号"; not a decree's "国务院令第123456号", nor a Latin code alone, an adviser's
# "RO4993426-1125"), the line to report illegal content, the copyright and reprint notices
# ("版权所有", "版权说明：…", "未经授权禁止转载"), and the editor's credit in brackets ("【责任编辑：严玉洁】",
# "【纠错】【责任编辑:张樵苏 】", "（责编：王丽）"). (``\b`` does not part Chinese characters from letters:
# the patterns do without it.)
_CHINESE_SMALL_PRINT = re.compile(
    r"^(?=[A-Za-z]*[\u4e00-\u9fff])[\u4e00-\u9fffA-Za-z]{2,24}(?<!第)[\[〔［(（]?\d[\d\[\]〔〕［］()（）-]{5,}号?(?:-\d+)?$"
    r"|ICP[备证]\s*\d|公网安备\s*\d|违法和不良信息举报"
    r"|版权所有|版权(?:说明|声明|保护)\s*[:：]|未经[^。]{0,30}(?:许可|授权)[^。]{0,10}(?:不得|禁止)[^。]{0,6}(?:转载|使用|复制)|禁止转载"
    r"|^(?:[【\[（(]\s*(?:责任编辑|责编|编辑|纠错)[^】\]）)]{0,30}[】\]）)]\s*)+$"
)


def is_small_print(text: str) -> bool:
    """Disclaimers, licence and affiliate notes, and a note about the writer ("Jane Roe is a
    freelance writer …", "Mascaro is AP's chief congressional correspondent …", "Jane Roe covers
    the county. Reach her at …"): what sites put under a story."""
    if (
        _SMALL_PRINT.search(text)
        or _CHINESE_SMALL_PRINT.search(text)
        or is_disclosure(text, len(words(text)))
    ):
        return True
    return is_writer_note(text)


def is_writer_note(text: str) -> bool:
    """A note about the writer, or a release's contacts: what a dump's last lines hold under the
    story (its disclaimers' wording, "does not constitute", is a story's too often to go)."""
    return bool(
        (_AUTHOR_NOTE.match(text) or _FOREIGN_AUTHOR_NOTE.match(text))
        and (_AUTHOR_ROLE.search(text) or _WRITER_CONTACT.search(text))
    ) or bool(_RELEASE_TAIL.match(text))


# A release's contacts and its wire's source line ("Media contact: …", "SOURCE Northwind A/S").
_RELEASE_TAIL = re.compile(
    r"(?:media|press|investor) (?:contacts?|enquiries|inquiries)\b|(?-i:SOURCE\s+[A-Z])", re.IGNORECASE
)


def _build_appeal_matcher():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    topics = [*(rf"{network}\b" for network in SOCIAL_NETWORKS), *TOPIC_PATTERNS]
    for entry, topic in [
        *((entry, False) for entry in APPEAL_PATTERNS),
        *((entry, True) for entry in topics),
    ]:
        literal, pattern = entry if isinstance(entry, tuple) else (None, entry)
        if literal is None:
            literal = re.match(r"[^\\()\[\]?*+{}|.^$]+", pattern).group(0)
            # A quantifier after the prefix applies to its last character: leave that one out.
            if len(literal) < len(pattern) and pattern[len(literal)] in "?*{":
                literal = literal[:-1]
        compiled = (re.compile(pattern), topic)
        if literal in automaton:
            automaton.get(literal)[1].append(compiled)
        else:
            automaton.add_word(literal, (len(literal), [compiled]))
    automaton.make_automaton()
    return automaton


APPEAL = _build_appeal_matcher()


# Section labels that open a list of other stories: whatever follows them is not the article.
# "Read also" in the press of Brazil, Poland, Lithuania, Latvia and Belarus: one list for the
# teaser's label (``TEASER``), a box's (``_TEASER_BOX_LABEL``) and a label alone (``LIST_LABEL``).
_READ_ALSO_NEIGHBOURS = (
    r"leia (?:também|mais)|veja (?:também|mais)|saiba mais|czytaj (?:także|też|również)"
    r"|zobacz (?:także|też|również)|skaitykite taip pat|lasi(?:et)? arī|чытайце таксама"
)
# The labels that say what follows is another story to read too ("Also read", "Te puede interesar"),
# in the languages of the region's press: a teaser's (``TEASER``), a box's (``_TEASER_BOX_LABEL``).
_READ_ALSO = (
    r"(?:also read|read also|see also|lire aussi|à lire aussi|lesen sie auch|le[ae] también"
    r"|(?:también )?te puede interesar|te recomendamos|читайте также|читайте також|延伸阅读|推荐阅读"
    rf"|{_READ_ALSO_NEIGHBOURS})"
)
# A teaser for another story inside this one: a "read this too" label, then its headline
# ("Also read: How the port was won", "Related: Budget passes").
TEASER = re.compile(
    rf"^\W{{0,3}}(?:{_READ_ALSO}|read (?:more|next)|further reading|recommended(?: reading)?"
    r"|related(?: (?:reading|posts?|articles?|stories|story|content|coverage|guides?))?"
    r"|you (?:may|might) also (?:like|enjoy)|相关阅读"
    r"|(?:noticia|artículo|article|artikel) (?:relacionad[oa]|lié|liée|associé)|voir aussi|siehe auch|mehr zum thema"
    r"|по теме|на тему"
    # "read also" in Hindi, Arabic, Persian and Urdu
    r"|(?:यह|ये) भी पढ़ें|اقرأ\s+[أا]يضاً?|(?:بیشتر\s+)?بخوانید|یہ بھی پڑھیں)"
    r"(?:\s*[:：>»|]|\s+[–—-])\s*[¿¡«\"“‘']?\w",
    re.IGNORECASE,
)
LIST_LABEL = re.compile(
    r"^(?:(?:related|recommended|popular|trending|latest|featured|recent|more|top|other|editor[’']?s?)"
    r"(?: \w+){0,2} (?:posts?|articles?|stories|news|reads|headlines|videos|picks|content)"
    r"|(?:more|also) (?:from|in|on) .{1,40}|you (?:may|might) (?:also )?(?:like|enjoy)|read (?:more|next|also|this next)"
    r"|what to read next|also read|see also|related|trending|most (?:read|popular|viewed)|comments?|leave a (?:comment|reply)"
    r"|responses?(?=\s*\(\d+\))|\d+ responses?|join the (?:conversation|discussion)|diskutieren sie mit"
    r"|share(?: this)?(?: \w+)?|tags?|keywords?|about the author|newsletter"
    r"|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|lee también|leer más|читайте также|читайте також"
    r"|(?:también )?te puede interesar|te recomendamos|vous aimerez aussi|das könnte sie auch interessieren"
    r"|partager|teilen|compartir|поделиться|поділитися"
    r"|comentarios|commentaires|kommentare|комментарии|коментарі|коментарів"
    rf"|{_READ_ALSO_NEIGHBOURS}|polecamy|udostępnij|komentarze|skaitykite daugiau|dalintis|komentarai"
    r"|dalīties|komentāri|падзяліцца|каментары|mais lidas|(?:notícias )?relacionadas|compartilhe"
    r"|compartilhar|comentários|você (?:também )?pode gostar"
    # Japanese, Korean and Chinese pages' "related stories", "keywords", "tags", "share (this story)
    # (to WeChat)"
    r"|関連記事|関連ニュース|キーワード|タグ|관련\s?기사|키워드|태그|(?:この(?:ニュース|記事)を)?シェア(?:する)?|공유하기"
    r"|相关(?:新闻|阅读|报道)|延伸阅读|推荐阅读|关键词|标签|分享(?:到|至)?\s*(?:微信|微博|朋友圈|QQ空间|QQ)?"
    # Thai pages' "related news/stories", "read more", "tags", "keywords", "share (this news)", "comments"
    r"|(?:ข่าว|เรื่อง|บทความ)ที่เกี่ยวข้อง|อ่าน(?:เพิ่มเติม|ต่อ)|แท็ก|คำค้น|แชร์(?:ข่าวนี้|บทความนี้)?"
    r"|(?:แสดง)?ความคิดเห็น"
    # Hindi, Arabic, Persian and Urdu pages' "read also", "related news", "tags", "share"
    r"|(?:यह|ये|और) भी पढ़ें|और पढ़ें|संबंधित (?:खबरें|ख़बरें|समाचार)|टैग्स?|शेयर(?: करें)?"
    r"|اقرأ\s+[أا]يضاً?|(?:أخبار|مقالات|موضوعات) (?:ذات صلة|متعلقة)|الوسوم|(?:ال)?كلمات (?:ال)?مفتاحية|شارك"
    r"|بیشتر بخوانید|(?:اخبار|مطالب) (?:مرتبط|مشابه)|برچسب[\s\u200c]*ها|اشتراک[\s\u200c]*گذاری"
    r"|یہ بھی پڑھیں|متعلقہ (?:خبریں|مضامین)|شیئر(?: کریں)?)\s*(?:\(\d+\))?\s*:?$",
    re.IGNORECASE,
)


@dataclass
class Block:
    kind: str  # "p", "h", "li" (an item of a bulleted list), "oli" (of a numbered one)
    text: str


@dataclass
class TextArticle:
    title: str
    dek: str = ""
    byline: str = ""
    published: str = ""  # YYYY-MM-DD of a date line beside the title or the byline
    blocks: list[Block] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)


@dataclass
class _Line:
    index: int
    text: str
    is_item: bool = False
    numbered: bool = False  # "1." or "2)" marked the item
    marker: str = ""  # that number, as written
    figures: bool = False  # a row of a table of figures
    blank_before: bool = False
    words: int = 0
    score: float = 0.0
    chrome: str = ""  # why the line is chrome, when it is
    captioned: bool = False  # a photo's credit ended it: the line is the photo's caption


def words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else WORD).findall(text)


# For ``word_count``: an ASCII letter or digit as "a", a character that joins two runs of them
# into one word (``_ASCII_WORD``: "U.S.", "don't", "co-op") as ".", any other as a space.
_RUNS_AND_JOINS = bytes(
    ord("a") if chr(code).isalnum() else ord(".") if chr(code) in "'.-" else ord(" ") for code in range(256)
)


def word_count(text: str) -> int:
    """``len(words(text))``, without making the words: a page's visible text holds thousands.

    In ASCII text each word is a run of letters and digits, or several joined by single "'", "."
    or "-": the words are the runs less the joins, counted in C (a translation, a split and a
    count: a bench page's 10 KB of visible text in 0.29 ms, against 0.68 ms for making its words);
    the lines that are not ASCII are counted by their words (no word spans lines).
    """
    if text.isascii():
        return _ascii_word_count(text)
    lines = text.split("\n")
    other = [line for line in lines if not line.isascii()]
    plain = "\n".join(line for line in lines if line.isascii())
    return _ascii_word_count(plain) + sum(len(WORD.findall(line)) for line in other)


def _ascii_word_count(text: str) -> int:
    shapes = text.encode("ascii").translate(_RUNS_AND_JOINS)
    # (each letter doubled: a run of one letter between two joins, "a.b.c", is counted in both)
    return len(shapes.replace(b".", b" ").split()) - shapes.replace(b"a", b"aa").count(b"a.a")


ADDRESS = re.compile(r"\b(?:you|your|yours|you[’']re|we|our|us|we[’']re|we[’']ll)\b", re.IGNORECASE)


def appeal_hits(text: str, *, topics: bool = True) -> int:
    """How many furniture phrases the line contains (not counting the social networks and other
    topics it names, with ``topics=False``)."""
    if not topics:
        return _appeals_and_topics(text)[0]
    hits, topics_named = _appeals_and_topics(text)
    if hits or not topics_named:
        return hits + topics_named  # among other furniture they are furniture too
    lowered = text.lower()
    if _AT_NETWORK.search(lowered):
        return topics_named
    rest = [word for word in words(_HANDLE.sub(" ", TOPIC_APPEAL.sub(" ", lowered))) if word not in _FILLER]
    return 0 if rest else topics_named


def _appeals_and_topics(text: str) -> tuple[int, int]:
    lowered = text.lower()
    hits, topics, taken_until = 0, 0, -1
    for end, (length, patterns) in APPEAL.iter(lowered):
        start = end + 1 - length
        if start <= taken_until or (start > 0 and lowered[start - 1].isalnum()):
            continue
        for pattern, topic in patterns:
            found = pattern.match(lowered, start)
            if found:
                if topic:
                    topics += 1
                else:
                    hits += 1
                taken_until = found.end() - 1
                break
    return hits, topics


# Reported speech: a closing quote and a comma or a dash ("«Подпишитесь», — призвал мэр", "'Sign
# up now,' the mayor said"), or a quotation after its speaker ("Judge Aston said: "You were
# trusted … in our community."").
_QUOTED_SPEECH = re.compile(
    r"[»”\"'’]\s*[,—–-]|[,!?][»”\"’]\s+\w"
    r"|\b(?:said|says|told|added|asked|wrote|warned|replied|sagte|erklärte|a déclaré|dijo|заявил|сказал|заявила|сказала)"
    r"\b[^\"“«„]{0,40}[:,]\s*[\"“«„]",
    re.IGNORECASE,
)


def is_appeal(text: str, n: int) -> bool:
    """Does the line speak to the reader for the site (or navigate) rather than report?"""
    hits = appeal_hits(text)
    if not hits or _QUOTED_SPEECH.search(text):
        return False  # «Подпишитесь на петицию», — призвал мэр: someone in the story said it
    if n < 12:
        return True
    if n >= 60:  # a whole article on one line: only a real density of furniture counts
        return hits * 15 >= n
    if hits >= 3 or hits * 12 >= n:
        return True
    return len(ADDRESS.findall(text)) >= max(2, 0.06 * n)


NAV_SEPARATOR = re.compile(r"\s*[|•·»/]\s*|\s{2,}")
_NAV_MARKS = "|•·»/"  # (NAV_SEPARATOR's marks)
# A breadcrumb ("News > Local > Council", "You are here: Home › News"): never the story's title;
# in a story, the same shape is a path through menus ("Settings > Privacy > Location").
_BREADCRUMB = re.compile(
    r"^(?:you are here\s*:\s*)?[^>›]{1,40}(?:\s+[>›]\s+[^>›]{1,40}){2,}$"
    # (two parts from the home page: "Home > City", "Главная > Город")
    r"|^(?:home|главная|головна|startseite|accueil|inicio|portada|strona główna)\s+[>›]\s+[^>›]{1,40}$",
    re.IGNORECASE,
)


# The items of a site's menu, in the languages of the region's press: a menu whose separators a
# dump lost ("Home News Sport Weather", "Новости Экономика Политика В мире Спорт").
_MENU_WORD_LIST = """home news world local national politics business economy markets money sport sports weather
    opinion culture arts entertainment lifestyle travel health science tech technology video videos
    photos podcasts contact about search menu login subscribe newsletter newsletters careers
    investors newsroom media events deals tips destinations shop blog jobs archive archives
    главная новости политика экономика общество спорт культура наука технологии происшествия регионы
    мир видео фото контакты поиск мнения авто бизнес
    головна новини політика економіка суспільство культура наука технології регіони світ відео
    навіны палітыка эканоміка грамадства культура спорт свет
    startseite nachrichten politik wirtschaft kultur panorama accueil actualités politique économie
    société мире світі"""
_MENU_TOKENS = frozenset(_MENU_WORD_LIST.split()) | {"в", "і", "и"}
_HOME_WORDS = frozenset({"home", "accueil", "startseite", "главная", "головна"})
_NOT_A_MENU = re.compile(r"[,.:;!?\d]")


def is_navigation(text: str, *, most_words: int = 3) -> bool:
    """A menu bar flattened to one line: "Home | World | Business | Contact" (three items or more
    of at most ``most_words`` words), or a run of four menu words or more ("Home News Sport Weather"),
    or of five capitalized words or more, two in three a menu's."""
    # (Split only when a separator may be there: printable text has no whitespace but the space,
    # and most lines have no bar, bullet or slash; 0.1 of the 0.14 ms a text dump spent here.)
    if not text.isprintable() or "  " in text or any(mark in text for mark in _NAV_MARKS):
        parts = [part for part in NAV_SEPARATOR.split(text) if part.strip()]
        if len(parts) >= 3 and all(len(words(part)) <= most_words for part in parts):
            return True
    # Four words or more, every one a menu's: "Business Travel Deals", "Local News And Weather" and
    # "Культура, спорт, наука" are headlines.
    if len(text) > 200 or _NOT_A_MENU.search(text):
        return False  # (most lines: a sentence is turned away before it is split into words)
    tokens = words(text)
    if len(tokens) < 4:
        # Shorter, only when it opens with the link home: "Accueil Actualités Sport", "Home News"
        # ("Business Travel Deals" is a headline).
        return (
            len(tokens) >= 2
            and tokens[0].casefold() in _HOME_WORDS
            and all(token.casefold() in _MENU_TOKENS for token in tokens)
        )
    if len(tokens) > 12:
        return False
    menu_words = sum(token.casefold() in _MENU_TOKENS for token in tokens)
    # Or five capitalized words or more, two in three a menu's: a menu whose separators were
    # double spaces ("Startseite  Politik  Wirtschaft  Panorama  Sport  Kultur  Wissen", "Menu
    # Search World Business Markets Breakingviews Tech More"), read as one line once whitespace
    # is normalised.
    return menu_words == len(tokens) or (
        len(tokens) >= 5
        and 3 * menu_words >= 2 * len(tokens)
        and all(token[:1].isupper() for token in tokens)
    )


_DIGIT = re.compile(r"\d")


def is_date_line(text: str) -> bool:
    # Every form has a figure: most lines are turned away before the long alternation of months.
    text = text.strip(" -–—|•·")
    if len(text) > 80 and (update := _UPDATED.search(text)) and update.start() > 0:
        text = text[: update.start()].strip(" -–—|•·")  # "Published … | Updated …": the first
    return (
        len(text) <= 80
        and bool(_DIGIT.search(text))
        and bool(DATE_LINE.match(text) or _PLACED_DATE.match(text))
    )


def ends_sentence(text: str) -> bool:
    """Whether the line ends as a sentence does: on a sentence's end mark (``SENTENCE_END``), or, in
    Thai, which has none, as a paragraph does: a long line of clauses ending on a Thai word."""
    return SENTENCE_END.search(text) is not None or (
        (text[-1:] > "\u0e00" or text[-1:] in _CLOSERS) and _is_thai_paragraph(text)
    )


def _is_thai_paragraph(text: str) -> bool:
    """A paragraph of Thai: 120 characters or more in three clauses or more, one of them 30 long (a
    headline is shorter; a long menu's items are short), ending on a Thai word."""
    return (
        len(text) >= _THAI_PARAGRAPH_LENGTH
        and _THAI_LETTER.fullmatch(text.rstrip(_CLOSERS)[-1:]) is not None
        and text.count(" ") >= 2
        and max(map(len, text.split(" "))) >= _THAI_CLAUSE_LENGTH
    )


_CLOSERS = "\"'”’)]」』）"
_THAI_LETTER = re.compile(f"[{THAI}]")
_THAI_PARAGRAPH_LENGTH, _THAI_CLAUSE_LENGTH = 120, 30


def is_sentence(text: str, count: int) -> bool:
    return count >= 3 and ends_sentence(text)


def title_case_ratio(tokens: list[str]) -> float:
    long_words = [w for w in tokens if len(w) > 3]
    if not long_words:
        return 0.0
    return sum(1 for w in long_words if w[0].isupper()) / len(long_words)


# Hard-wrapped text (an e-mail, pdftotext's output, a file typed in an editor): its lines stop at a
# width, mid-sentence, and a paragraph runs over several of them. Read one block per line, each of
# its lines was a paragraph of its own, short and sentence-less: most of the story was stripped.
_WRAP_WIDTHS = (45, 100)  # the widths text is wrapped at
_FULL_LINE = 0.75  # of the width: a line that long ran on to the next; a shorter one ends its paragraph
_CONTINUED = 0.25  # of the full lines followed by one that opens in lower case: the text is wrapped
_ITEM_START = re.compile(r"^(?:[-*•·▪–—]\s|\d{1,2}[.)]\s|[A-Z][\w .'’-]{0,30}:\s|\[\d)")
# A word broken at the line's end ("gov-" / "ernment"); one whose first part is a prefix keeps its
# hyphen ("ex-" / "minister").
_BROKEN_WORD = re.compile(r"(?:^|\s)([^\W\d_]+)-$")
_PREFIXES = frozenset(
    [
        "ex",
        "co",
        "non",
        "self",
        "anti",
        "pro",
        "pre",
        "post",
        "semi",
        "multi",
        "mid",
        "well",
        "cross",
        "half",
        "all",
        "vice",
        "inter",
        "intra",
        "over",
        "under",
        "re",
        "de",
        "sub",
        "super",
        "counter",
        "long",
        "short",
        "high",
        "low",
    ]
)


def unwrap(text: str) -> str:
    """Hard-wrapped text with its paragraphs' lines joined (a word broken at a line's end, "gov-" /
    "ernment", whole again); any other text as it is."""
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if len(line) >= 20)
    if len(lengths) < 5:
        return text
    width = lengths[int(len(lengths) * 0.9)]  # (a long address or a table's line may reach past it)
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1]:
        return text
    full = [index for index, line in enumerate(lines[:-1]) if len(line) >= _FULL_LINE * width]
    continued = sum(1 for index in full if lines[index + 1][:1].islower())
    if len(full) < 3 or continued < _CONTINUED * len(full):
        return text
    joined: list[str] = []
    previous = ""
    first = next((index for index, line in enumerate(lines) if line), 0)  # the headline, alone
    for index, line in enumerate(lines):
        runs_on = len(previous) >= _FULL_LINE * width or (
            # a short line that stops mid-sentence: a headline, a paragraph's last words but one
            line[:1].islower() and not ends_sentence(previous)
        )
        if (
            joined
            and line
            and previous
            and runs_on
            and index - 1 != first
            and not _ITEM_START.match(line)
            and not _PAGE_MARK.search(line)
            and not any(BYLINE.match(part) or is_date_line(part) for part in (line, previous))
        ):
            if (broken := _BROKEN_WORD.search(joined[-1])) and line[:1].islower():
                # "gov-" / "ernment" is one word; "ex-" / "minister" keeps its hyphen
                joined[-1] = (joined[-1] if broken[1].lower() in _PREFIXES else joined[-1][:-1]) + line
            else:
                joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
        previous = line
    return "\n".join(joined)


def _split_lines(text: str) -> list[_Line]:
    """Lines with list markers resolved: a lone "-" (or a line ending in " -") marks the next item."""
    lines: list[_Line] = []
    mark_next = False
    blank = True
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            blank = True
            continue
        if LONE_MARKER.match(line):
            mark_next = True
            continue
        item = mark_next
        mark_next = False
        if TRAILING_MARKER.search(line) and len(line) > 2:
            line = line[:-1].rstrip()
            mark_next = True
        marker = LIST_MARKER.match(line)
        numbered = bool(marker) and line[0].isdigit()
        number = marker[0].strip() if numbered else ""
        if marker:
            line = line[marker.end() :]
            item = True
        credit = TRAILING_CREDIT.search(line)
        if credit:
            line = line[: credit.start()]
        lines.append(
            _Line(
                index=len(lines),
                text=line,
                is_item=item,
                numbered=numbered,
                marker=number,
                blank_before=blank,
                captioned=bool(credit) and not credit[0].lstrip().startswith("("),
            )
        )
        if credit:  # its own line: a credit, stripped
            lines.append(_Line(index=len(lines), text=credit[0].strip(), blank_before=False))
        blank = False
    return lines


# A release's or a correspondent's embargo over the copy: "EMBARGOED UNTIL 00:01 GMT THURSDAY 7
# NOVEMBER", "Embargo: not for publication before 06:00 Saturday".
EMBARGO = re.compile(r"^\W*(?:strictly\s+)?(?:under\s+)?embargo(?:ed)?\b.{0,100}$", re.IGNORECASE)
# The copy desk's lines over a correspondent's copy: "SLUG: ferry-fares", "Word count: 612".
# (Not "Words: Solene Rauturier", a magazine's byline, nor a paper's "Keywords: …".)
_DESK_LINE = re.compile(r"^(?:slug|word\s?count|catchline|priority)\s*:\s*\S", re.IGNORECASE)
# The label of a press release under its issuer's name ("Ministry of Transport | Press Office").
_RELEASE_LABEL = re.compile(
    r"^(?:(?:press|media|news)\s+release$|for\s+immediate\s+release\b)", re.IGNORECASE
)
_RELEASE_TOP = 6  # lines: a release opens with its label (a site's menu item "Press Release" is lower)


def _release_label(lines: list["_Line"], line: "_Line") -> bool:
    """A press release's label at its top: "PRESS RELEASE" in capitals or over the release's date,
    "For immediate release: 14 March 2026" (not a site's menu item "Press Release")."""
    if line.index >= _RELEASE_TOP or not _RELEASE_LABEL.match(line.text):
        return False
    after = next((other for other in lines[line.index + 1 :] if other.words), None)
    return (
        line.text.isupper()
        or line.text.lower().startswith("for")
        or (after is not None and after.chrome == "date")
    )


# "Page 2 of 3" ending a printed page's header or footer (pdftotext keeps them between the story's
# paragraphs), "[Page break]" left by a word processor's copy.
_PAGE_MARK = re.compile(r"(?:^|\s)page \d{1,3} (?:of|/) \d{1,3}$|^\[?page ?break\]?$", re.IGNORECASE)
# A sentence of this many words repeated across a batch's files is not taken for its template.
_BATCH_PROSE_WORDS = 12


def _headline_over_byline(lines: list[_Line], position: int, n: int) -> bool:
    """A headline that speaks in the site's voice ("The 7 best kitchen tools under $30, tested by
    our editors"), not an appeal: one such phrase, no full stop, and a byline one or two lines
    under it (under its dek)."""
    text = lines[position].text
    return (
        6 <= n <= 16
        and not ends_sentence(text)
        and appeal_hits(text) == 1
        and any(BYLINE.match(other.text) for other in lines[position + 1 : position + 3])
    )


def _page_breaks(lines: list[_Line]) -> None:
    """A printed document's page breaks, pasted with its text: the page's mark ("Page 2 of 3"), its
    number alone, and its running head (a line repeated at every break: "DRAFT — NOT FOR
    CIRCULATION") are chrome that weighs nothing. As furniture they cut a story in two, and its
    last page was lost."""
    marks = [line.index for line in lines if line.chrome == "page mark"]
    if len(marks) < 2:
        return

    def beside(index: int) -> list[_Line]:
        return [near for near in lines[max(0, index - 2) : index + 3] if near.index != index]

    # A running head stands beside two page marks or more (a speaker's "MAYOR ANNA HOLT:", which a
    # transcript repeats anywhere, is no running head).
    heads = Counter(text for index in marks for text in {near.text for near in beside(index)})
    for index in marks:
        lines[index].score = 0.0
        for near in beside(index):
            if near.chrome not in {"", "counter"} or near.words > 12 or near.text.endswith(":"):
                continue
            if (near.chrome == "counter" and near.text.isdigit()) or heads[near.text] >= 2:
                near.chrome, near.score = "page mark", 0.0


def _score(lines: list[_Line], common: Container[str]) -> None:
    for position, line in enumerate(lines):
        tokens = words(line.text)
        line.words = len(tokens)
        n = line.words
        sentence = is_sentence(line.text, n)
        if n == 0:
            line.chrome = "no words"
        elif _PAGE_MARK.search(line.text):
            line.chrome = "page mark"  # a printed page's footer or a word processor's page break
        elif n <= 12 and _DESK_LINE.match(line.text):
            line.chrome = "desk note"  # the copy's slug, word count, catchline for the desk
        elif n <= 20 and EMBARGO.match(line.text):
            line.chrome = "embargo"  # over the copy: the editor is told (``pipeline.embargo_note``)
        elif is_date_line(line.text):
            line.chrome = "date"
        elif READ_TIME.match(line.text) or COUNTERS.match(line.text) or STORY_ID.match(line.text):
            line.chrome = "counter"
        elif n <= 12 and (BYLINE.match(line.text) or FOREIGN_BYLINE.match(line.text)):
            line.chrome = "byline"  # (also "Von Katharina Wendler, MDN", "Par Jeanne Martin")
        elif (
            position <= 3
            and n <= 16
            and _MOTTO.search(line.text)
            and (name := next((other for other in lines[:position] if other.text), None)) is not None
            and name.words <= 4
            and _is_masthead(name.text)  # (a paper's name: not a short headline over its first line)
            and not REPORTED.search(line.text)
        ):
            line.chrome = "motto"  # "Your trusted source for local news since 1998." under the paper's name
        elif line.text in common and (not (sentence and n >= _BATCH_PROSE_WORDS) or _MOTTO.search(line.text)):
            # The site's template (menus, labels, slogans). A newsroom's dates and bylines repeat
            # across its stories too, and so may a stock sentence ("The company did not respond to
            # a request for comment."): those are read as in a file imported alone.
            line.chrome = "repeated across files of this source"
        elif n <= 3 and _DATE_LABEL.match(line.text):
            line.chrome = "date label"  # "Published", its date on the next line
        elif n <= 20 and is_credit(line.text):
            line.chrome = "credit"
        elif (line.captioned and n <= _CAPTION_WORDS and not REPORTED.search(line.text)) or (
            n <= 40 and _CAPTION_LABEL.match(line.text)
        ):
            line.chrome = "caption"  # "The morning ferry leaves the harbour. Photo: Ben Ortiz"
        elif LIST_LABEL.match(line.text):
            line.chrome = "list label"
        elif n <= 20 and TEASER.match(line.text) and not sentence:  # a headline, not a sentence
            line.chrome = "teaser for another story"
        elif is_navigation(line.text):
            line.chrome = "navigation"
        elif is_cookie_notice(line.text, n):
            line.chrome = "cookie notice"
        elif is_appeal(line.text, n) and not _headline_over_byline(lines, position, n):
            line.chrome = "appeal or navigation"
        elif is_disclosure(line.text, n):
            line.chrome = "affiliate disclosure"
        elif (
            position + 1 < len(lines) and n <= 25 and is_date_line(lines[position + 1].text) and not sentence
        ):
            line.chrome = "headline followed by a date"
        if line.chrome:
            # A photo's caption and credit, and a teaser for another story ("READ MORE: …"), sit
            # inside stories as often as around them: skipped, they do not end the story.
            line.score = -4.0 if line.chrome in _INSIDE_STORIES else -max(4.0, min(n, 40))
            continue
        if sentence and n >= 10:
            line.score = float(min(n, 80)) - 4.0  # short sentences carry less weight
        elif sentence and n >= 5:
            line.score = n * 0.5
        elif line.is_item and n >= 3:
            line.score = -0.5
        else:
            # Short non-sentences: sub-headings inside an article, menus and headline lists outside.
            line.score = -2.0 - (3.0 if n >= 4 and title_case_ratio(tokens) > 0.7 else 0.0)


_INSIDE_STORIES = {
    "credit",
    "caption",
    "teaser for another story",
    "cookie notice",
}  # (a consent box sits anywhere)
# A line ended by an unbracketed credit, unless it reports ("…, the authority said. Photo: Ben
# Ortiz" is the story's; so is "… call 101. (Photo: Avon Police)").
_CAPTION_WORDS = 20

# A caption under its label: "Photo: The morning ferry leaves the harbour. REUTERS/Dana Ortiz".
_CAPTION_LABEL = re.compile(
    r"^(?:photo|image|picture|caption|foto|фото)\s*:\s+\S+(?:\s+\S+){3}", re.IGNORECASE
)


def _is_figures_row(line: _Line) -> bool:
    """A short line with two numbers or more, a third of its words: a row of a table as text
    (its length first, known from scoring: most lines are not tokenized again)."""
    if not 2 <= line.words <= 12 or _FILE_LISTING.search(line.text):
        return False
    numbers = sum(any(c.isdigit() for c in token) for token in words(line.text))
    return numbers >= 2 and numbers * 3 >= line.words


# A download list's rows ("clip.mp4 (3840x2160) [84.2 MB]") are numbers too, but not a table.
_FILE_LISTING = re.compile(r"[\[\]]|\.[a-z][a-z0-9]{1,3}\b")


_STAMPED = re.compile(
    r"^(?:\d{1,3}(?:\+\d{1,2})?['’′]\s|\d{4}:\s|(?:[A-Z][a-z]{2,8}\.?\s+)?(?:\d{1,2},?\s+)?\d{4}:\s"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}:\s)"
)


def _lists_and_tables(lines: list[_Line]) -> None:
    """A list or a table inside the story weighs like a pause in the prose, not like a menu, so
    the lede above it is not cut off: short items of a list a sentence introduces ("The towns
    are:" then "1. Tallinn", "2. Tartu") and runs of three rows of figures or more
    ("Reform 45,210 24"). Lone short items and lone lines with numbers (a menu, a comment's
    "jane commented Dec 18, 2025", a phone number) keep their weight."""
    introduced = False
    for line in lines:
        if not line.is_item:
            introduced = line.text.endswith(":") and not line.chrome and line.words <= 25
            continue
        if introduced and not line.chrome and line.score < -0.5:
            line.score = -0.5
    # The same list without its markers, its items one under another right under the sentence
    # that introduces it ("Ask yourselves:" then "Elegant or rustic?", "Black-tie or modern
    # barn?"), in a text that parts its paragraphs with blank lines, and the story going on under it.
    for above in lines[:-2]:
        if not (above.text.endswith(":") and not above.chrome and above.words <= 25 and not above.is_item):
            continue
        run = []
        for line in lines[above.index + 1 : above.index + 2 + _UNMARKED_ITEMS]:
            if (line.blank_before and run) or line.is_item or line.words > _UNMARKED_ITEM_WORDS:
                break
            run.append(line)
        if len(run) > _UNMARKED_ITEMS:
            continue  # (a column of short lines: no list a sentence introduces)
        under = run[-1].index + 1 if run else len(lines)
        if (
            len(run) >= 2
            and all(line.chrome in {"", "credit"} for line in run)
            # (the story goes on under it, perhaps under a subheading: not teasers closing the page)
            and any(line.score > 0 for line in lines[under : under + 3])
        ):
            for line in run:
                line.chrome, line.score = "", max(line.score, -0.5)  # (rendered as items below)
    # (a table's row, its cells parted by "|", was taken for a menu: "Femi Okoro | Labour | 18,412")
    for run in _runs(lines, lambda line: line.chrome in {"", "navigation"} and _is_figures_row(line)):
        header = lines[run[0].index - 1] if run[0].index else None
        if (
            header is not None
            and header.chrome == "navigation"
            and header.text.count("|") == run[0].text.count("|") > 0
        ):
            run.insert(0, header)  # "Candidate | Party | Votes | %" over the rows
        for row in run:
            row.score, row.figures, row.chrome = max(row.score, -0.5), True, ""
    # A timeline or a match's key events: three short lines or more, each opening with its year,
    # day or minute ("2019: State warns …", "Nov 13, 2023: Council passes …", "45+2' GOAL - …").
    for run in _runs(lines, _stamped):
        for entry in run:
            entry.is_item, entry.score = True, max(entry.score, -0.5)


_UNMARKED_ITEM_WORDS = 15
_UNMARKED_ITEMS = 30  # at most


def _stamped(line: _Line) -> bool:
    return (
        not line.chrome
        and 2 <= line.words <= 25
        and bool(_STAMPED.match(line.text))
        and not line.text.endswith(".")
    )


def _runs(lines: list[_Line], belongs) -> Iterator[list[_Line]]:
    """The runs of three lines or more in a row, none of them a list's item, that ``belongs``
    accepts."""
    run: list[_Line] = []
    for line in [*lines, None]:
        if line is not None and not line.is_item and belongs(line):
            run.append(line)
            continue
        if len(run) >= 3:
            yield run
        run = []


def _best_span(lines: list[_Line]) -> tuple[int, int] | None:
    """The contiguous run of lines with the highest total score (Kadane)."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        total += line.score
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


_NAME_SHAPED = re.compile(r"^(?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w.'’-]+$")
_LABEL_LEAD = re.compile(r"^(?:[\w’']+\s+){0,2}(?:by|on|in)?\s*:", re.IGNORECASE)


# A writer's name labelled as such, which pages print under the story as often as above it.
_SIGNED_BELOW = re.compile(rf"^(?:{_AUTHOR_LABEL}|author)\s*:", re.IGNORECASE)
_SIGNED_DATE = re.compile(rf"\d\s+by\s+({_SIGNER})", re.IGNORECASE)


# Labels of a story's particulars, not headlines: "From: Environment Agency", "Source: Reuters".
_PARTICULARS = re.compile(
    r"^(?:from|source|sources|authors?|tags?|categor(?:y|ies)|filed under|posted in|section|topics?|location"
    r"|department|media contact|contact|issued by|organi[sz]ation|quelle|источник|джерело|fuente)\s*:",
    re.IGNORECASE,
)


def _headline_shaped(line: _Line) -> bool:
    """Whether a dated line above the body reads as a headline, not as the author's name
    ("Denise Everheart"), a label ("Posted On", "Reviewed by: …") or a section ("Staff")."""
    text = line.text
    return (
        line.words >= 4
        and not text.endswith(":")
        and not _STARTS_WITH_DAY.match(text)  # "January 20th, 2025 by JWU"
        and not _LABEL_LEAD.match(text)
        and not _PARTICULARS.match(text)
        and not BYLINE.match(text)
        and not (line.words <= 4 and _NAME_SHAPED.match(text))
    )


# What a page sets above a headline to say what kind of story it is, or in which section.
_KICKER = re.compile(
    r"^(?:press release|news release|media release|statement|breaking(?: news)?|analysis|opinion|comment"
    r"|exclusive|live|update|feature|interview|review|explainer|editorial|news|world|politics|business"
    r"|sports?|culture|science|technology|health|local|national|international|economy)$",
    re.IGNORECASE,
)
# A paper's motto under its name: "Serving Port Ellis and the valley since 1884", "Your news, your way".
_MOTTO = re.compile(
    r"^(?:serving|your|the voice of|proudly|independent)\b|\bsince (?:1[6-9]|20)\d\d\.?$", re.IGNORECASE
)
_DATED = re.compile(r"\b(?:19|20)\d\d\b|\b(?:updated|reviewed|written|posted|published)\b", re.IGNORECASE)
_BESIDE_HEADLINE = {"byline", "date", "credit", "counter", "date label"}


_COPYRIGHT_LINE = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE)


def _named_in_small_print(name: str, lines: list[_Line]) -> bool:
    """Whether a copyright line or a prompt under the story names ``name`` ("© 2026 The Valley
    Courier. All rights reserved.", "Subscribe to Riverside Dispatch"): the line is the site's or
    the channel's name, not a headline."""
    folded = name.casefold()
    return any(
        line.words <= 25
        and (_COPYRIGHT_LINE.search(line.text) or line.chrome == "appeal or navigation")
        and folded in line.text.casefold()  # (or a prompt: "Subscribe to Riverside Dispatch")
        for line in lines
    )


def _spelled_as_address(name: str, lines: list[_Line]) -> bool:
    """Whether a line above gives ``name`` as the site's address ("valleygazette.example" over
    "Valley Gazette": a phone's reader view prints the address, then the site's name)."""
    joined = "".join(character for character in name.casefold() if character.isalnum())
    return len(joined) >= 4 and any(
        line.words <= 2
        and re.fullmatch(
            rf"(?:https?://)?(?:www\.)?{re.escape(joined)}(?:\.[a-z]{{2,}})+/?", line.text.casefold()
        )
        for line in lines
    )


def _heads_as_title(lines: list[_Line], line: _Line, first: _Line, start: int) -> bool:
    """Whether ``line``, below a short first line (or a site's name and motto), is the story's
    headline: shaped like one (not a date, a byline or the first line with more words, like a
    breadcrumb "Home Cyber Tips"), and either right under a kicker ("PRESS RELEASE") just above
    the body, or restated by the story's first lines, or set just above the body with its byline
    or date (and nothing but such short lines in between) when the first line is a kicker, a
    site's name and motto, or has the site's menu under it; also a headline in capitals, signed
    and dated, right under a paper's name ("Metro Daily"), and a post signed and dated under a
    blog's name and motto."""
    initial = next((character for character in line.text if character.isalpha()), "")
    if not initial or initial.islower() or _DATED.search(line.text) or not _headline_shaped(line):
        # (the first letter: a channel's post may open with "⚡️"; Arabic and Hindi have no capitals)
        return False
    above = lines[first.index + 1 : line.index]
    between = lines[line.index + 1 : start]
    if len(between) > 4 or not all(
        _beside_headline(other)
        or other.chrome == "standfirst"
        or (other.words <= 3 and not is_sentence(other.text, other.words))
        for other in between
    ):
        between = None  # not just above the body
    if between is not None and above and _is_kicker(above[-1]):
        return True  # "PRESS RELEASE", then the headline (the company's name above is the site's)
    if between is not None and _section_page_title(first.text):
        return True  # "Press Releases - Capitol Wire", the menu, then the headline over the body
    if set(words(first.text.casefold())) <= set(words(line.text.casefold())):
        return False
    if between == [] and (
        _named_in_small_print(first.text, lines[start:])
        or any(other.chrome == "motto" for other in above)
        or _spelled_as_address(first.text, lines[: first.index])
    ):
        # The site's name (its copyright line names it, or its motto is under it) and its menu,
        # then the headline right above the body.
        return True
    if (
        between is not None
        and all(other.chrome == "byline" for other in between)
        and above  # the site's menu or a cookie button under its name ("Oil supply under review" is a headline)
        and all(other.chrome or other.words <= 3 for other in above)
        and _is_masthead(first.text)
        and all(word[:1].isupper() for word in words(first.text))
        and wire_date(lines[start].text)
    ):
        return True  # "Global Wire Today", then the headline over "REYKJAVIK, March 12, 2025 (Reuters) – …"
    if any(
        3 <= other.words <= 40 and _overlap(other.text, line.text) >= 0.5
        for other in lines[max(line.index + 1, start - 2) : start + 1]
    ):
        return True
    if (
        len(above) >= 3  # (a menu; not a writer's name and the section over a short headline's dek)
        and all(other.words <= 2 and not is_sentence(other.text, other.words) for other in above)
        and line.words >= 5
        and start - line.index <= 2
    ):
        return True  # the site's name and its menu ("Portada", "Local"), then the headline (its dek) over the body
    if between is None:
        return False
    if (
        not between
        and len(above) >= 2
        and above[-1].chrome == "date"
        and _SIGNED_DATE.search(above[-1].text)
        and not _could_head(above[-2])  # (a menu above "Posted on …", not the post's own headline)
        and not any(
            o.chrome not in {"", "navigation", "appeal or navigation", "headline followed by a date"}
            for o in above[:-1]
        )
    ):
        return True  # a blog's post under its "Posted on March 2, 2025 by Fern Whitaker", over the body
    dated = any(other.chrome == "date" for other in between)
    signed = any(
        other.chrome == "byline" or FOREIGN_BYLINE.match(other.text) or _SIGNED_DATE.search(other.text)
        for other in between
    )
    if _is_kicker(first) or _masthead_and_tagline(first.text):
        return dated or signed
    if any(other.chrome in {"navigation", "appeal or navigation"} for other in above):
        return dated or signed
    if (
        not above
        and dated
        and signed
        and _is_masthead(first.text)
        and (
            title_case_ratio(words(line.text)) >= 0.7
            or (
                all(word[:1].isupper() or word in _NAME_PARTICLES for word in words(first.text))
                and not line.text.endswith(".")
            )
        )
    ):
        # A paper's name ("Metro Daily", "The Harbour Review") right above a headline (in capitals,
        # or, under a name all in capitals, in sentence case without a full stop: not a deck),
        # signed and dated above the body ("Fire Kills Three" over its deck is no paper's name, nor
        # "Schools reopen today" over "Pupils return after three weeks of closures").
        return True
    # A blog's name and its motto ("The Slow Kitchen", "Recipes, ramblings and disasters") over a
    # post signed and dated ("Posted on March 3, 2025 by Helen Marsh"); a headline over two
    # lines of deck and a byline ("Fire Kills Three") stays.
    return (
        bool(above) and not any(o.chrome or is_sentence(o.text, o.words) for o in above) and dated and signed
    )


# What papers and sites call themselves: "Metro Daily", "The Harbour Review", "Coastal Times".
_MASTHEAD = re.compile(
    r"\b(?:daily|times|news|post|herald|gazette|chronicle|review|journal|courier|tribune|express|star"
    r"|mail|telegraph|observer|guardian|independent|mirror|record|standard|press|examiner|inquirer"
    r"|bulletin|dispatch|monitor|register|sentinel|weekly|today|online|magazine|ledger|echo|advertiser"
    r"|gazeta|газета|вести|новости|известия|правда|zeitung|rundschau|anzeiger|tageblatt)$",
    re.IGNORECASE,
)
# Words that name a paper wherever they stand in its name ("Le Courrier du Lac", "Diario de Sevilla").
_PAPER_WORDS = frozenset(
    {"courier", "courrier", "gazette", "gazeta", "gazzetta", "zeitung", "journal", "tribune", "herald"}
    | {
        "chronicle",
        "dépêche",
        "presse",
        "nouvelliste",
        "quotidien",
        "diario",
        "periódico",
        "heraldo",
        "corriere",
    }
)
_NAME_PARTICLES = frozenset(
    {"of", "the", "and", "du", "de", "la", "le", "des", "del", "di", "der", "die", "am"}
)


def _is_masthead(text: str) -> bool:
    """A paper's name: "Metro Daily", "The Harbour Review", "Le Courrier du Lac"."""
    if _MASTHEAD.search(text):
        return True
    tokens = words(text)
    return len(tokens) <= 4 and any(token.casefold() in _PAPER_WORDS for token in tokens)


def _is_kicker(line: _Line) -> bool:
    """ "BREAKING NEWS", "Press release", "Opinion": what kind of story follows, not its title."""
    return line.words <= 3 and (line.text.isupper() or is_kicker(line.text))


def is_kicker(text: str) -> bool:
    """A kind of story or a section's name alone ("Press release", "Opinion", "World")."""
    return bool(_KICKER.match(text.strip()))


_SUMMARY_LABEL = re.compile(
    r"^(?:key (?:points|facts|findings|takeaways)|the key points|in brief|in short|summary|highlights"
    r"|at a glance|what we know|what you need to know|главное|коротко|кратко|головне|коротко про головне"
    r"|das wichtigste|in kürze|l[’']essentiel|en bref|en resumen|lo (?:más )?importante)\s*:?$",
    re.IGNORECASE,
)


_BARE_TIME = re.compile(r"^(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s*[ap]\.?m\.?)?$", re.IGNORECASE)


def _summary_box(lines: list[_Line], start: int, *, floor: int) -> int:
    """Where the story starts once a summary box right above its first paragraph is its own: a
    summary's label ("Key points", "Главное") over two items or more written as sentences
    ("Twelve new night routes will start in September"), below the headline. The writer's byline
    (and role) may stand between the box and the story: it stays out of the story."""
    below = start
    while below - 1 > floor and start - below < 2 and lines[below - 1].chrome in {"byline", "writer's role"}:
        below -= 1
    if below < start and (boxed := _summary_box(lines, below, floor=floor)) < below:
        return boxed
    first = start
    if first - 1 > floor and _BARE_TIME.match(lines[first - 1].text):
        first -= 1  # a live report's first entry under the box opens with its time ("21:15")
    while (
        first - 1 > floor
        and lines[first - 1].is_item
        and not lines[first - 1].chrome
        and lines[first - 1].words >= 4
        # Sentence case, proper names allowed ("Four Republicans joined Democrats in support"),
        # not headlines in capitals.
        and title_case_ratio(words(lines[first - 1].text)[1:]) < 0.7
    ):
        first -= 1
    label = lines[first - 1] if first - 1 > floor else None
    if start - first < 2 or label is None or label.chrome or not _SUMMARY_LABEL.match(label.text):
        return _unmarked_summary_box(lines, start, floor=floor)
    return first - 1


def _unmarked_summary_box(lines: list[_Line], start: int, *, floor: int) -> int:
    """A summary box whose items lost their bullets in the dump: a summary's label, then two to
    six short lines (4 to 30 words, no chrome) right above the story's first paragraph. Its lines
    become the list's items."""
    first = start
    while (
        first - 1 > floor
        and start - first < 6
        and not lines[first - 1].chrome
        and 4 <= lines[first - 1].words <= 30
        and title_case_ratio(words(lines[first - 1].text)[1:]) < 0.7
    ):
        first -= 1
    label = lines[first - 1] if first - 1 > floor else None
    if start - first < 2 or label is None or label.chrome or not _SUMMARY_LABEL.match(label.text):
        return start  # "Most read" over other stories' headlines is no summary of this one
    for line in lines[first:start]:
        line.is_item = True
    return first - 1


def _numbered_headings(lines: list[_Line], start: int, end: int) -> set[int]:
    """The numbered items that head the story's sections: two or more, each standing alone
    between paragraphs ("1. Monsaraz", its paragraph, "2. Tomar" …); one alone is a list's. The
    chrome between two items (an "Advertisement" line) does not part them."""
    story = [line for line in lines[start:end] if not line.chrome]
    alone = [
        line.index
        for n, line in enumerate(story)
        if line.is_item
        and line.numbered
        # (a bulleted list's item beside it is another list: "3. …" under the bullets of "2. …")
        and not any(0 <= m < len(story) and story[m].is_item and story[m].numbered for m in (n - 1, n + 1))
    ]
    return set(alone) if len(alone) >= 2 else set()


# A wire story's dateline: the place in capitals, perhaps its region, then the day ("ABERDEEN,
# Scotland, July 1, 2025 /PRNewswire/ -- …", "КИЕВ, 12 марта 2025 г. …").
_WIRE_PLACE = re.compile(
    r"^[A-ZА-ЯЁЄІЇ][A-ZА-ЯЁЄІЇ .'’-]{1,30},(?:\s+[A-ZА-Я][^\W\d_]*(?:\.[^\W\d_]*)*(?:\s+[^\W\d_]+){0,3},)?\s+"
)


# What marks the dateline as a wire's or a release's: "/PRNewswire/ --", "/ТАСС/", "(Reuters) -", "--".
_WIRE_MARK = re.compile(r"/[^/\s][^/]{0,30}/|\((?:[A-Z][\w .-]{1,20})\)\s*[-–—]|\s--\s")


def wire_date(text: str) -> str:
    """The day a story's first paragraph opens with after its dateline's place; empty without one
    (or without a wire's mark: "BERLIN, November 9, 1989 — Thousands …" is history told)."""
    if not _WIRE_MARK.search(text[:160]):
        return ""
    place = _WIRE_PLACE.match(text)
    rest = text[place.end() : place.end() + 60] if place else ""
    return date_of_line(rest) if _STARTS_WITH_DAY.match(rest) else ""


def _beside_headline(line: _Line) -> bool:
    """A byline, a date, a credit, a reading time, or a story's particulars ("From: …"), or a
    magazine's issue ("March 2026": beside a headline, not a date line elsewhere, where it heads
    a timeline's part)."""
    return (
        line.chrome in _BESIDE_HEADLINE
        or bool(_PARTICULARS.match(line.text))
        or bool(FOREIGN_BYLINE.match(line.text))
        or bool(_ISSUE.match(line.text))
    )


_ISSUE = re.compile(
    rf"^(?:(?:spring|summer|autumn|fall|winter)\s+|(?:{MONTHS})\.?\s+)\d{{4}}$", re.IGNORECASE
)


def _stamped_entry(lines: list[_Line], index: int) -> bool:
    """Whether a line sits between two dates with times of day: a live report's entry."""
    return 0 < index < len(lines) - 1 and all(
        lines[n].chrome == "date" and _TIME_OF_DAY.search(lines[n].text) for n in (index - 1, index + 1)
    )


def _standfirst(lines: list[_Line], start: int, end: int) -> tuple[_Line | None, int]:
    """The standfirst of a news page, a sentence between the headline and the byline or date
    ("The extension to Pasing is due in 2030. Critics object to the cost."), and where the body
    then starts: it is the story's dek, neither its first paragraph nor chrome."""
    for first in (start, start - 1, start - 2, start - 3, start - 4):
        if first < 1 or first >= end:
            continue
        line = lines[first]
        if line.is_item or not 5 <= line.words <= 60 or not is_sentence(line.text, line.words):
            continue
        if first < start and line.chrome:
            continue
        if _stamped_entry(lines, first):
            continue
        body = first + 1
        while (
            body < end
            and body - first <= 6
            and (
                _beside_headline(lines[body])
                or lines[body].chrome in _UNDER_THE_BYLINE
                or _PARTICULARS.fullmatch(lines[body - 1].text)  # "From:", then the department's name
            )
        ):
            body += 1  # (not a short line: the story's first heading, "The Rundown", as often as "Print")
        signed = any(
            lines[n].chrome in {"byline", "date"} or _ISSUE.match(lines[n].text)
            for n in range(first + 1, body)
        )
        if signed and body < end and lines[body].score > 0 and body >= start:
            line.chrome = "standfirst"
            return line, body
    return None, start


_NAME_WORD = rf"(?:{_CAPITALIZED_NAME_WORD}|(?:de|van|von|der|da|di|del|dos|le|la|bin|al)(?=\s))"
# A name alone, or two joined: "Rachel Ng", "Jean-Luc Le Goff", "Ana Ruiz and Tom Hale".
_BARE_NAME = re.compile(
    rf"^{_CAPITALIZED_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}\s+{_CAPITALIZED_NAME_WORD}"
    rf"(?:\s*(?:,|and|&|und|et|y|и|і)\s+{_CAPITALIZED_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}\s+{_CAPITALIZED_NAME_WORD})?$"
)


_NAME_THEN_REST = re.compile(r"^(.{3,60}?)\s*(?:[,|•·]|\s[–—-])\s*(\S.*)$")


# A name and where it was written, alone on a line: "Priya Natarajan in London".
_SIGNING_NAME = re.compile(
    rf"{_BARE_NAME.pattern[:-1]}(?:\s+in\s+{_CAPITALIZED_NAME_WORD}(?:\s+{_CAPITALIZED_NAME_WORD})?)?$"
)
# A name and the writer's role: "David Ferreira | Contributing columnist", "Jane Roe, Staff Writer".
_NAME_AND_ROLE = re.compile(
    rf"(?P<name>{_BARE_NAME.pattern[:-1]})\s*[|,–—-]\s*(?:[\w-]+\s+){{0,3}}"
    r"(?i:writer|columnist|correspondent|reporter|editor|contributor|journalist|critic|analyst)s?"
    r"(?:,?\s+in\s+[\w ’'.-]{2,40})?$"  # and where the writer files from: "…, in Westminster"
)
_TAIL_PARAGRAPHS = 4
_DATE_LABEL = re.compile(
    r"^(?:(?:last\s+)?(?:published|updated|posted)(?:\s+on)?|veröffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?"
    r"|publié(?:\s+le)?|publicado(?:\s+el)?|опубликовано|обновлено|опубліковано|оновлено)\s*:?$",
    re.IGNORECASE,
)
_BYLINE_LABEL = re.compile(r"^(?:by|written by|author|words|автор|autor|auteur|von|par)\s*:?$", re.IGNORECASE)


def _name_before_date(text: str) -> str:
    """The writer's name that opens a date line: "Rachel Ng, March 12, 2025" → "Rachel Ng" (not a
    dateline's place, "New York, March 12, 2025", nor a section's name, "Local News")."""
    parts = _NAME_THEN_REST.match(text)
    return parts[1] if parts and _writer_named(parts[1]) and is_date_line(parts[2]) else ""


def _writer_named(text: str) -> bool:
    """A person's name in capitals, not a place's ("New York", "San Diego", "Mexico City") or a
    section's ("Local News", "World Politics")."""
    return (
        bool(_BARE_NAME.match(text))
        and not _PLACE_NAME.search(text)
        and not any(token.casefold() in _SECTION_WORDS for token in words(text))
    )


_PLACE_NAME = re.compile(rf"^(?:{_PLACE_FIRST})\b|\b(?:{_PLACE_LAST})$")


_WRITERS_JOINED = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|und|et|y|e|i|и|і|та)\s+|\s*&\s*")


def _named_in_the_story(lines: list[_Line], line: _Line) -> bool:
    """Whether the surname of a name line comes back in the headline above it or the story's
    first paragraphs below: the story's subject, not its writer."""
    surname = line.text.split()[-1].casefold()
    nearby = [*lines[max(0, line.index - 2) : line.index], *lines[line.index + 1 : line.index + 4]]
    return any(surname in (word.casefold() for word in words(other.text)) for other in nearby)


def is_bare_name(text: str) -> bool:
    """Whether a text is a person's name alone: "Priya Shah", "Juan de la Cruz"."""
    return bool(_BARE_NAME.match(text))


def _writers_only(text: str) -> bool:
    """Whether a line is nothing but writers' names: "Natalia Kirova and James Whitcombe"."""
    return all(_writer_named(name) for name in _WRITERS_JOINED.split(text))


def _bare_byline(lines: list[_Line], start: int) -> None:
    """A writer's name on its own line, without "By", between the headline (or its standfirst)
    and the body, over the story's date line ("Rachel Ng" over "March 12, 2025", or "Rachel Ng,
    March 12, 2025"): a byline. Not a headline of a list of other stories (a date line above it),
    nor a second name under a name ("Great Day Editorial Team" over a category, "Design Style")."""
    # (Up to the body's second line: a standfirst may have been taken for the body's first; and
    # up from it past share buttons, a photo and its caption.)
    for line in lines[max(1, start - 10) : min(start + 2, len(lines) - 1)]:
        if line.chrome not in {"", "headline followed by a date"}:
            continue
        if _BYLINE_LABEL.match(line.text) and _BARE_NAME.match(lines[line.index + 1].text):
            line.chrome = "byline label"  # "By:" on its own line, the name on the next
            lines[line.index + 1].chrome, lines[line.index + 1].score = "byline", -4.0
            return
        if line.index < start - 8:
            continue
        headline, below, place = lines[line.index - 1], lines[line.index + 1], None
        # A name alone over the date (under it, a short line is as often a blog post's title).
        if (
            below.words <= 2
            and below.text[:1].isupper()
            and below.text != line.text
            and below.index + 1 < len(lines)
            and lines[below.index + 1].chrome == "date"
            and not is_sentence(below.text, below.words)
        ):
            # "Lucía Romero Castillo", "Valdeolmos" (where she files from), the date
            place, below = below, lines[below.index + 1]
        role = (
            WRITERS_ROLE_LINE.match(below.text)
            and below.index + 1 < len(lines)
            and lines[below.index + 1].chrome == "date"
        )
        alone = (
            _SIGNING_NAME.match(line.text)
            and _writer_named(line.text.split(" in ")[0])
            and (below.chrome == "date" or role)  # (or over the writer's role: "Staff Writer")
        )
        # Names alone under the date of a dated headline ("Natalia Kirova and James Whitcombe").
        if (
            headline.chrome == "date"
            and line.index >= 2
            and _writers_only(line.text)
            and line.text not in lines[0].text  # (a blog post's title, which its page's title repeats)
            and not _named_in_the_story(lines, line)  # (an obituary's subject: "Margaret Ellen Hughes")
        ):
            headline = lines[line.index - 2]
            alone = headline.chrome == "headline followed by a date"
        # or "Rachel Ng, March 12, 2025", "David Ferreira | Contributing columnist"
        if not (alone or _name_before_date(line.text) or _NAME_AND_ROLE.match(line.text)):
            continue
        if (
            headline.chrome not in {"", "headline followed by a date"}
            or headline.words < 3
            or _BARE_NAME.match(headline.text)  # "Great Day Editorial Team" over "Design Style"
            or any(other.chrome == "byline" for other in lines[max(0, line.index - 4) : line.index])
        ):
            continue
        between = lines[line.index + 1 : start]
        captions = {
            other.index
            for other in between
            if other.words <= 25 and lines[other.index + 1].chrome == "credit"
        }
        if all(_under_the_byline(other) or other.index in captions for other in between) and (
            # Far above the story, only past what pages put there, and a few share buttons.
            line.index >= start - 4
            or sum(
                not (other.chrome or other.index in captions or _beside_headline(other)) for other in between
            )
            <= 2
        ):
            line.chrome, line.score = "byline", -4.0
            if role:
                below.chrome = "writer's role"
            if place is not None:
                place.chrome = "place"  # where the writer files from
            return


# What sits between a story's byline and date and its first paragraph: share and listen
# buttons, "Leave a comment", a reading time, a photo and its caption.
_UNDER_THE_BYLINE = {
    "appeal or navigation",
    "navigation",
    "list label",
    "counter",
    "credit",
    "caption",
    "byline label",
    "writer's role",
    "place",
    "affiliate disclosure",  # "This post may contain affiliate links." over a blog's post
}


def _under_the_byline(line: _Line) -> bool:
    return (
        _beside_headline(line)
        or line.chrome in _UNDER_THE_BYLINE
        or (line.words <= 4 and not is_sentence(line.text, line.words))
    )


def _signed_headline(lines: list[_Line], top: int) -> tuple[_Line, _Line | None] | None:
    """The headline a news page signs and dates right above the story (and its standfirst, when
    one stands between them), found by walking up from the story's first line: past share
    buttons, a caption and its credit, a reading time, then the byline and date lines. A masthead,
    a section's kicker or a menu above the headline is not taken for it; between a headline and
    a dek, the one the story's first lines restate more is the headline."""
    index, signed = top - 1, False
    while index >= 0 and top - index <= 10:
        line = lines[index]
        if line.chrome in {"byline", "date"} or FOREIGN_BYLINE.match(line.text) or _ISSUE.match(line.text):
            signed = True
        elif signed and not (
            line.chrome in _UNDER_THE_BYLINE
            or _beside_headline(line)
            or (index > 0 and _PARTICULARS.fullmatch(lines[index - 1].text))  # "From:" over its value
        ):
            break
        elif not signed and not (
            line.chrome in _UNDER_THE_BYLINE
            or (line.words <= 4 and not is_sentence(line.text, line.words))
            or (line.words <= 40 and index + 1 < top and lines[index + 1].chrome == "credit")  # a caption
            or line.figures  # a match's score box: "Redvale United 3 (Okafor 23, 67)"
        ):
            return None
        index -= 1
    if not signed or index < 0 or top - index > 10:
        return None
    lower = lines[index]
    above = index - 1
    while above > 0 and lines[above].chrome == "no words":
        above -= 1  # a review's stars ("★★★★☆") between the headline and its dek
    upper = lines[above] if above >= 0 else None
    deck = lower.chrome == "standfirst" or (
        lower.chrome in {"", "headline followed by a date"} and 5 <= lower.words <= 60
    )
    if upper is not None and _could_head(upper) and deck:
        lead = " ".join(line.text for line in lines[top : top + 2])
        if not (_could_head(lower) and _overlap(lower.text, lead) > _overlap(upper.text, lead) + 0.1) or (
            above > 0 and _is_kicker(lines[above - 1]) and ":" not in upper.text  # "TECH" over the headline
        ):
            return upper, lower
        # (else the line above is a ticker or a kicker: "Weather Alert Day: …")
    return (lower, None) if _could_head(lower) else None


_MENU_UNDER = 4  # lines of one or two words under a line at the top of a page: the site's menu


def _weak_title(
    line: _Line, title: str, lines: list[_Line], *, headline: _Line | None = None, lead: str = ""
) -> bool:
    """A line taken for the title that more likely names the site, its section or a box: three
    words or fewer, in capitals, a paper's name, a kicker, a cookie or sign-in prompt, or the
    site's tagline over its menu at the top of the page (not a page's title naming its site,
    "Strengthen your cybersecurity | Coastal Times")."""
    under = lines[line.index + 1 : line.index + 1 + _MENU_UNDER]
    if line.index <= 2 and len(under) == _MENU_UNDER and all(0 < other.words <= 2 for other in under):
        return True  # "Exclusive news, data and analytics for …" over "World", "Business", "Markets", "Tech"
    if (
        line.index <= 2
        and headline is not None
        and len(under) >= 3
        and all(0 < other.words <= 2 for other in under[:3])
        and _overlap(line.text, headline.text) == 0
        and _share_told(line.text, lead) < 0.25
    ):
        # … over three sections, and a signed headline below that shares none of its words, nor
        # does the story's lead
        return True
    parts = TITLE_SEPARATOR.split(line.text)
    if (
        len(parts) == 2
        and all(1 <= len(words(part)) <= 3 and all(w[:1].isupper() for w in words(part)) for part in parts)
        and any(map(_is_masthead, parts))
    ):
        return True  # "Culture Desk | The Harbour Review": a section and the site, no headline
    if title != line.text.strip() and len(words(title)) >= 3:
        return False
    return (
        line.words <= 3
        or line.text.isupper()
        or (line.words <= 5 and _is_masthead(line.text))
        or _is_kicker(line)
        or bool(_SUMMARY_LABEL.match(line.text))
        or line.chrome in {"appeal or navigation", "navigation"}
        or "cookie" in line.text.casefold()
    )


def _share_told(line: str, text: str) -> float:
    """The share of the line's longer words (four letters or more) that ``text`` holds."""
    named = {word.casefold() for word in words(line) if len(word) >= 4}
    told = {word.casefold() for word in words(text)}
    return len(named & told) / len(named) if named else 0.0


def _could_head(line: _Line) -> bool:
    """Whether a line could be a story's headline: not chrome, a masthead, a kicker, a menu,
    a section's page title or a label; 3 to 30 words, and not a paragraph."""
    text = line.text
    return (
        line.chrome in {"", "headline followed by a date"}
        and 3 <= line.words <= 30
        and not (line.words <= 5 and (text.isupper() or _is_masthead(text)))
        and not _is_kicker(line)
        and not _section_page_title(text)
        and not _masthead_and_tagline(text)
        and not is_navigation(text)
        and not text.endswith(":")
        and not _BREADCRUMB.match(text)
        and not _PARTICULARS.match(text)
        and not _REVIEWED_BY.match(text)
        and not (line.words > 15 and is_sentence(text, line.words))
    )


_REVIEWED_BY = re.compile(
    r"^(?:(?:medically\s+)?reviewed|edited|updated|fact[- ]checked)\s+by\b", re.IGNORECASE
)


_LIST_AT_THE_END = 15  # items at most


# What a lead-in to other stories' headlines names.
_OTHER_STORIES = re.compile(
    r"\b(?:popular|trending|headlines?|stories|most (?:read|viewed)|top news|latest|read next|more from"
    r"|recommended|related|news)\b",
    re.IGNORECASE,
)


def _list_at_the_end(lines: list[_Line], end: int, edge: int) -> int:
    """Where the story ends when its last paragraph leads in to a list ("The beaches that
    reopened are:"): after the list's short items (bullets or not) and a closing sentence under
    them, which the trim of short lines off the story's edge took away."""
    lead_in = lines[end - 1] if end else None
    if lead_in is not None and lead_in.score > 0 and end < edge and not lead_in.text.endswith(":"):
        lead_in = lines[end]  # a short lead-in ("Key sticking points include:") was trimmed too
        if (
            lead_in.chrome
            or lead_in.is_item
            or not 3 <= lead_in.words <= 12
            or _OTHER_STORIES.search(lead_in.text)
        ):
            return end  # (not "Popular right now:", "Today's top headlines include:")
    elif lead_in is None or lead_in.words < 3 or lead_in.score <= 0:
        return end
    if not lead_in.text.endswith(":"):
        return end
    if _SITE_VOICE.search(lead_in.text):
        return end  # "Here is what else our reporters are covering:", then other stories' headlines
    after = start = lead_in.index + 1
    while (
        after < edge
        and after - start < _LIST_AT_THE_END
        and not lines[after].chrome
        and (lines[after].is_item or (1 <= lines[after].words <= 12 and not ends_sentence(lines[after].text)))
    ):
        after += 1
    if after - start < 2:
        return end
    if after < edge and not lines[after].chrome and is_sentence(lines[after].text, lines[after].words):
        after += 1  # "Those three had the highest readings last week."
    return after


_AGENCY_COPY = re.compile(_AGENCY_COPY_NOTE, re.IGNORECASE)


def _without_writer_note(lines: list[_Line], start: int, end: int) -> int:
    """Where the story ends once what sits under it is stripped: a note about the writer (and the
    name heading it, "LISA MASCARO"), a release's contacts or an agency copy's note, among its last four paragraphs (its
    last one when it has fewer than nine). Disclaimers' wording stays: in a dump it is a story's
    as often ("… does not constitute an admission")."""
    paragraphs = [line for line in lines[start:end] if line.score > 0]
    for line in paragraphs[-(_TAIL_PARAGRAPHS if len(paragraphs) > 2 * _TAIL_PARAGRAPHS else 1) :]:
        if line.words <= 80 and (is_writer_note(line.text) or _AGENCY_COPY.search(line.text)):
            line.chrome, line.score = "note under the story", -4.0
            above = lines[line.index - 1]
            if above.index > start and above.score <= 0 and not above.chrome and above.words <= 5:
                above.chrome = "note under the story"  # its heading
    while end > start and lines[end - 1].score <= 0:
        end -= 1
    return end


def _dated_headline_alone(lines: list[_Line], line: _Line) -> bool:
    """A headline over its date that is no item of a list of other stories (no date, list label
    or listed headline just above it, nor another headline and date just below): a live report's,
    whose key points, byline and first entry come between it and the body."""
    above = lines[line.index - 1].chrome if line.index > 0 else ""
    below = lines[line.index + 2].chrome if line.index + 2 < len(lines) else ""
    return (
        line.words >= 5
        and _headline_shaped(line)
        and above not in {"date", "list label", "headline list", "headline followed by a date"}
        and below not in {"date", "headline followed by a date", "headline list"}
    )


def _heads_the_story(lines: list[_Line], position: int, start: int) -> bool:
    """Whether a headline followed by a date line (``position``) is the story's own rather than
    an item of a list of other stories: the story's body (``start``) begins under its date line
    (and a byline), and no list label, date line or listed headline comes just above it."""
    index = position + 2
    while index < start and index <= position + 3 and lines[index].chrome in {"byline", "date"}:
        index += 1
    if index != start:
        return False
    above = lines[position - 1].chrome if position > 0 else ""
    return above not in {"date", "list label", "headline list", "headline followed by a date"}


# A box of links to other stories inside a story: its label.
_TEASER_BOX_LABEL = re.compile(
    rf"^(?:{_READ_ALSO}|related(?: \w+)?|read (?:more|next)|more on this(?: story)?|recommended|mehr zum thema)"
    r"\s*[:：]?$",
    re.IGNORECASE,
)
# One headline under one of ``_READ_ALSO``'s labels alone on its line, the story going on right
# under it, is a teaser (a "Read more" or "Related" line may stand over the story's own subheading).
_READ_ALSO_LABEL = re.compile(rf"^{_READ_ALSO}\s*[:：]?$", re.IGNORECASE)
# The label opening a paragraph with nothing between it and the headline ("Lesen Sie auch Neue
# ICE-Strecke nach Prag", the headline a link): a page's teaser when the link is most of it.
READ_ALSO_OPENING = re.compile(rf"^\W{{0,3}}{_READ_ALSO}\s+\w", re.IGNORECASE)
_TEASER_BOX_ITEMS = 6
PROSE_PARAGRAPH_WORDS = 40  # words of a paragraph that shows a story going on (under a box, a label)


_EDITORS_NOTE = re.compile(
    r"^(?:editor[’']?s[’']? note|correction|clarification|anmerkung der redaktion|note de la rédaction"
    r"|nota del editor|nota de la redacción|от редакции|від редакції)\s*:",
    re.IGNORECASE,
)


def _notes_above_the_headline(lines: list[_Line]) -> None:
    """An editor's note or a correction set above the headline ("Editor's note: This article was
    updated …"), then the headline signed or dated: the story's, moved to open its body, so that
    the headline, byline and date under it are read as its header."""
    for line in lines[:-2]:
        if _EDITORS_NOTE.match(line.text) and any(
            other.chrome in {"byline", "date"} for other in lines[line.index + 2 : line.index + 5]
        ):
            line.chrome, line.score = "editor's note", -4.0


# Where the writer reports from, under a live report's byline ("Reporting from Plymouth").
_REPORTING_FROM = re.compile(r"^(?:reporting|writing) from\s+\w[\w .,'’-]{1,40}$", re.IGNORECASE)


def _roles_under_bylines(lines: list[_Line]) -> None:
    """A writer's role under the byline ("By Marcus Hale" over "Chief football writer"), or where the
    writer reports from: no headline."""
    for line in lines[1:]:
        if lines[line.index - 1].chrome == "byline" and (
            WRITERS_ROLE_LINE.match(line.text) or _REPORTING_FROM.match(line.text)
        ):
            line.chrome, line.score = "writer's role", -4.0


_CONSENT_BOX_LINES = 4  # a consent box's buttons under its notice
_CONSENT_HEADING = re.compile(
    r"privacy|cookie|consent|datenschutz|confidentialité|privacidad|приватн", re.IGNORECASE
)


def _consent_buttons(lines: list[_Line]) -> None:
    """A cookie notice's heading and buttons ("We value your privacy", "Accept all", "Reject
    all"): short lines beside the notice, not sentences. Left as they were, they split the story
    where the box sat, and its headline, dek and lead above the box were lost."""
    for notice in [line for line in lines if line.chrome == "cookie notice"]:
        above = lines[notice.index - 1] if notice.index else None
        if (
            above is not None
            and not above.chrome
            and above.words <= 6
            and _CONSENT_HEADING.search(above.text)
        ):
            above.chrome, above.score = "cookie notice", -4.0  # its heading: "We value your privacy"
        for line in lines[notice.index + 1 : notice.index + 1 + _CONSENT_BOX_LINES]:
            if line.chrome not in {"", "appeal or navigation", "cookie notice"} or line.words > 4:
                break
            if line.words and not ends_sentence(line.text):
                line.chrome, line.score = "cookie notice", -4.0  # its buttons: "Accept all", "Reject all"


def _story_goes_on(lines: list[_Line], index: int) -> bool:
    """Whether the story's paragraphs go on from this line: a long sentence (not a teaser's excerpt
    cut short with "…"), and another paragraph under it."""
    line = lines[index]
    return (
        line.words >= PROSE_PARAGRAPH_WORDS
        and is_sentence(line.text, line.words)
        and not _CUT_SHORT.search(line.text)
        and index + 1 < len(lines)
        and lines[index + 1].score > 0
        and lines[index + 1].words >= PROSE_PARAGRAPH_WORDS // 2
    )


_CUT_SHORT = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")


def _teaser_boxes(lines: list[_Line]) -> None:
    """The headlines under a "Related" label inside a story, where the story goes on below them:
    short lines that end no sentence, each another story's teaser."""
    for line in lines:
        if line.chrome != "list label" or not _TEASER_BOX_LABEL.match(line.text):
            continue
        after = line.index + 1
        read_also = _READ_ALSO_LABEL.match(line.text)
        while (
            after < len(lines)
            and after - line.index <= _TEASER_BOX_ITEMS
            and not lines[after].chrome
            and not lines[after].is_item
            and 3 <= lines[after].words <= 15
            and not ends_sentence(lines[after].text)
            # (a subheading under a "Read more" line: "Trend 5: Exercises for mental health"; not under
            # "Also read": "Bengaluru rains: IT corridor residents demand accountability")
            and (":" not in lines[after].text or read_also)
        ):
            after += 1
        # Only a box set apart: its headlines one under another, a blank line before the story goes on
        # (a subheading under a "Read more" line, over its paragraph, is the story's); or, in a dump
        # that puts a blank line under every line, headlines the story's long paragraphs follow. In
        # a dump without blank lines, two headlines or more, and the story's sentences under them.
        if (
            after > line.index + 1
            and after < len(lines)
            and lines[after].score > 0
            and (
                lines[after].blank_before
                or (after > line.index + 2 and is_sentence(lines[after].text, lines[after].words))
            )
            and (
                not any(teaser.blank_before for teaser in lines[line.index + 2 : after])
                or _story_goes_on(lines, after)
            )
        ) or (
            after == line.index + 2
            and after < len(lines)
            and read_also
            and lines[after].score > 0
            and is_sentence(lines[after].text, lines[after].words)
        ):
            for teaser in lines[line.index + 1 : after]:
                teaser.chrome, teaser.score = "teaser for another story", -4.0


def _headline_lists(lines: list[_Line]) -> None:
    """Runs of short lines alternating with date lines are lists of other stories; sentences under
    times of day ("March 4, 2025 9:45 PM") are a live report's entries."""
    for i in range(len(lines) - 3):
        if lines[i + 1].chrome == "date" and lines[i + 3].chrome == "date":
            if _stamped_entry(lines, i + 2) and all(
                is_sentence(lines[k].text, lines[k].words) for k in (i + 2, i + 4) if k < len(lines)
            ):
                continue  # a live report's entries, each under its time
            for j in (i, i + 2):
                if not lines[j].chrome:
                    lines[j].chrome = "headline list"
                    lines[j].score = -max(4.0, min(lines[j].words, 40))


_NUMBERED_REPLY = re.compile(
    r"^(?:reply|re|comment|antwort|réponse|respuesta|ответ|відповідь)\s*#\s*\d+\b", re.IGNORECASE
)
END_MARKER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|leave a (?:comment|reply)|join the discussion|"
    r"related(?: \w+)?|you (?:may|might) (?:also )?(?:like|enjoy)|more (?:from|stories|articles|on)\b.*|"
    r"read (?:next|more)|recommended(?: \w+)?|popular(?: \w+)?|trending(?: \w+)?|about the author|"
    r"share this(?: \w+)?|tags?|filed under|forward-looking statements?|safe harbou?r statement|notes? to editors"
    r"|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|lee también"
    r"|читайте также|читайте також|czytaj (?:także|też|również)|чытайце таксама)\b.{0,30}$",
    re.IGNORECASE,
)


_COMMENT_WORDS = (
    r"comments?|leave a (?:comment|reply)|join the discussion|comentar(?:ios)?|comentários|comente"
    r"|commentaires|commenter|kommentare|kommentieren|комментарии|комментировать|коментарі|коментарів|коментувати"
    r"|komentarze|komentarai|komentāri|каментары"
)
# The comments' heading, and the heading alone ("Comments", "10 comments:", "124 Reader Comments",
# "Komentarze (12)"), not a subheading that opens with the word ("Comments from residents").
_COMMENTS_HEADING = re.compile(rf"^(?:\d+\s+)?(?:{_COMMENT_WORDS})\b.{{0,30}}$", re.IGNORECASE)
_BARE_COMMENTS_HEADING = re.compile(
    rf"^(?:\d+\s+(?:readers?[’']?\s+)?)?(?:{_COMMENT_WORDS})\s*(?:\(\d+\)|\d+)?\s*:?$", re.IGNORECASE
)


def _comments_follow(lines: list[_Line], index: int, end: int) -> bool:
    """Whether readers' comments follow a comments heading: two dated lines among the next
    thirty, each under a short line (the reader's name: "Marinero67", "Mukesh Saini says:")."""
    dated = [
        n
        for n in range(index + 2, min(end, index + 31))
        if lines[n].chrome == "date"
        and lines[n - 1].words <= 4
        and not lines[n - 1].text.endswith((".", "!", "?"))
    ]
    return len(dated) >= 2


def _cut_at_end_marker(lines: list[_Line], start: int, end: int) -> int:
    """The article ends where comments or "related stories" begin, once most of it is behind."""
    total = sum(line.score for line in lines[start:end] if line.score > 0)
    seen = 0.0
    for line in lines[start:end]:
        if line.score > 0:
            seen += line.score
        elif (
            # Once most of the story is behind (a forum's "Reply #1 — user » date" too); a comments
            # heading once a third is (readers' comments as long as the story under it), when it is
            # one ("Comments", "10 comments:", "Komentarze (12)") or readers' comments follow it (each
            # dated: "Marinero67", "Hace 12 minutos"), not a subheading ("Comentarios del alcalde").
            seen >= 0.6 * total
            and (
                (line.words <= 6 and END_MARKER.match(line.text))
                or (line.words <= 16 and _NUMBERED_REPLY.match(line.text))
            )
        ) or (
            seen >= 0.3 * total
            and line.words <= 6
            and _COMMENTS_HEADING.match(line.text)
            and (_BARE_COMMENTS_HEADING.match(line.text) or _comments_follow(lines, line.index, end))
        ):
            under = line.index + 1
            while under < end and lines[under].chrome == "teaser for another story":
                under += 1
            if under > line.index + 1 and under < end and _story_goes_on(lines, under):
                continue  # a box of teasers inside the story (``_teaser_boxes``), the story under it
            rest = lines[line.index + 1 : end]
            if TEASER.match(line.text) and all(other.score > 0 or other.chrome for other in rest):
                continue  # "READ MORE: Storm Ciarán: a month on", then the story's own paragraphs
            return line.index  # (then comments: "Dave from Portside" and what he wrote)
    return end


def _overlap(a: str, b: str) -> float:
    wa, wb = {w.lower() for w in words(a)}, {w.lower() for w in words(b)}
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / max(len(wa), len(wb))


def _shorten(sentence: str, limit: int = 16) -> str:
    """A title made from a first sentence: up to ``limit`` words, cut at a clause when possible."""
    first = re.split(r"(?<=[.!?])\s+", sentence.strip(), maxsplit=1)[0].rstrip(".!?")
    tokens = first.split()
    if len(tokens) <= limit:
        return first
    head = " ".join(tokens[:limit])
    for separator in (", ", " — ", " – ", "; ", " during ", " as ", " while ", " after "):
        cut = head.rfind(separator)
        if cut > 25:
            return head[:cut].rstrip(",;")
    return head + "…"


SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$|\s+[|»]\s+.*$")


# What separates a page title's parts ("Story title - Site Name", "Site | Story").
TITLE_SEPARATOR = re.compile(r"\s+[|–—»]\s+|\s+-\s+|\s+::\s+")


def _masthead_and_tagline(text: str) -> bool:
    """ "Riverside Chronicle — Honest reporting since 1921": a site's name and its motto."""
    parts = TITLE_SEPARATOR.split(text, maxsplit=1)
    if len(parts) != 2:
        return False
    name, motto = words(parts[0]), words(parts[1])
    # A name in capitals ("Riverside Chronicle", not "Strengthen your cybersecurity | Site"), then
    # a phrase in sentence case (not a title's own subtitle, "Consulting or Insurance?").
    return (
        len(name) <= 3
        and all(word[:1].isupper() for word in name)
        and len(motto) >= 3
        and title_case_ratio(motto) < 0.5
        and not parts[1].rstrip().endswith("?")
    )


# What a section's page is called ("Press Releases", "World News", "Latest Stories").
_SECTION_WORDS = _MENU_TOKENS | {
    "press",
    "release",
    "releases",
    "latest",
    "top",
    "stories",
    "articles",
    "archive",
    "archives",
    "updates",
    "statements",
    "announcements",
    "all",
    "our",
    "the",
    "and",
    "&",
}


def _section_page_title(text: str) -> bool:
    """ "Press Releases - Capitol Wire": a section's page title (its name in menu words, then the
    site's), which a dump of one of its stories opens with; the story's headline comes later."""
    parts = TITLE_SEPARATOR.split(text)
    if len(parts) != 2:
        return False
    section, site = words(parts[0].casefold()), words(parts[1])
    # The site's name: a few capitalized words ("Capitol Wire"), not the headline a section's
    # kicker stands before ("Business - Markets rally as the central bank holds rates").
    return (
        1 <= len(section) <= 3
        and all(word in _SECTION_WORDS for word in section)
        and 1 <= len(site) <= 4
        and all(word[:1].isupper() or not word[:1].isalpha() for word in site)
    )


def strip_site_name(title: str) -> str:
    """ "Story title - Site Name" → "Story title" (the longest part is kept); a title whose longest
    part goes on in lower case after the first ("Storm Isla latest - power cuts, road closures and
    school shutdowns") is one headline, kept whole."""
    title = _without_cjk_site(_without_leading_symbols(title))
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) == 1:
        return title.strip()
    best = max(parts, key=lambda part: len(words(part)))
    # ("BBC News - council approves …" and "Tech Today - iPhone 17 …" name a site first.)
    first = words(parts[0])
    goes_on = (
        best is not parts[0]
        and best.strip()[:1].islower()
        and parts[0].strip()[:1].isupper()
        and not all(word[:1].isupper() or not word[:1].isalpha() for word in first)
    )
    # A last part in lower case is the headline's own ("… – as it happened", "… - live updates"),
    # not a site's name (a domain, "news.example", is one).
    if _own_tail(parts[-1]) and best is parts[0]:
        return title.strip()
    if (
        len(parts) >= 3 and _own_tail(parts[-2]) and best is parts[0]
    ):  # "… – as it happened | Northern Courier"
        return title[: list(TITLE_SEPARATOR.finditer(title))[-1].start()].strip()
    if len(words(best)) < 3 or goes_on:
        return title.strip()
    return best.strip()


# A Chinese or Japanese site's name after the headline, set without spaces ("短缺药品保供稳价
# 全力保障临床用药需求-新华网", "…_凤凰网资讯_凤凰网", "…｜日経"): a short last part with no digits.
_CJK_SITE = re.compile(r"(?<=[\u3040-\u30ff\u4e00-\u9fff）」』])\s*[-_|｜－]+\s*[^\W\d_][^\W\d]{0,11}$")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _without_cjk_site(title: str) -> str:
    while (found := _CJK_SITE.search(title)) and _CJK.search(found[0]) and len(title) - len(found[0]) >= 8:
        title = title[: found.start()]
    return title


def _without_leading_symbols(title: str) -> str:
    """The headline without the emoji a channel's post opens with ("⚡️ Water main bursts …")."""
    start = 0
    while start < len(title) and (title[start].isspace() or _pictograph(title[start])):
        start += 1
    return title[start:] if start < len(title) else title


def _pictograph(character: str) -> bool:
    """An emoji or a pictograph (and the joiners and variation selectors that shape one), not a
    symbol a headline may open with ("№", "©")."""
    return (
        unicodedata.category(character) == "So" and ord(character) >= 0x2190
    ) or character in "\ufe0f\u200d"


def _own_tail(part: str) -> bool:
    part = part.strip()
    # (not "by Gary Marcus": the writer's name after a post's title)
    # (nor "la Repubblica", "de Volkskrant": a name in capitals after its article)
    tokens = words(part)
    return (
        len(tokens) >= 2
        and all(token[:1].islower() for token in tokens)
        and "." not in part
        and tokens[0] != "by"
    )


def extract_text_article(text: str, *, common_lines: Container[str] = frozenset()) -> TextArticle | None:
    """The article in a plain-text dump, or None when there is none."""
    lines = _split_lines(unwrap(text))
    if not lines:
        return None
    _score(lines, common_lines)
    _page_breaks(lines)
    _lists_and_tables(lines)
    _headline_lists(lines)
    _teaser_boxes(lines)
    _notes_above_the_headline(lines)
    _roles_under_bylines(lines)
    _consent_buttons(lines)
    span = _best_span(lines)
    if span is None:
        return None
    start, end = span
    end = _cut_at_end_marker(lines, start, end)
    edge = end if end < span[1] else len(lines)  # (how far a list the story ends on may run)
    _bare_byline(lines, _summary_box(lines, start, floor=-1))
    standfirst, start = _standfirst(lines, start, end)

    # Title: the headline dated just above the body (a masthead or a menu line above it is the
    # site's, not the story's), else the first headline-shaped line before the body, else the
    # first sentence.
    title, title_index = "", None
    # The headline sits above a summary box the story opens with ("Key points" and its items).
    top = _summary_box(lines, start, floor=-1)
    for line in lines[max(0, top - 5) : top]:
        if (
            line.chrome == "headline followed by a date"
            and _heads_the_story(lines, line.index, top)
            and _headline_shaped(line)
        ):
            title, title_index = strip_site_name(line.text), line.index
    candidates, past_masthead = [], False
    for line in [] if title else lines[:top]:
        if _release_label(lines, line):
            candidates = []  # the issuer's name over "PRESS RELEASE": the headline comes after it
            continue
        if (
            line.words < 2
            or line.words > 30
            or _PARTICULARS.match(line.text)
            or _BREADCRUMB.match(line.text)
            or not any(character.isalpha() for character in line.text)  # a phone's clock: "9:41"
        ):
            continue
        if line.chrome and not (
            line.chrome == "headline followed by a date"
            and (_heads_the_story(lines, line.index, top) or _dated_headline_alone(lines, line))
        ):
            continue
        if _SUMMARY_LABEL.match(line.text):
            continue  # "Key points" heads a box, not the story
        if is_sentence(line.text, line.words) and line.words > 12 and not line.text.endswith("?"):
            continue
        candidates.append(line)
    if candidates:
        chosen = candidates[0]
        if (
            chosen.words <= 3
            or (chosen.words <= 4 and _is_masthead(chosen.text))
            or _masthead_and_tagline(chosen.text)
            or _section_page_title(chosen.text)
        ):
            # A masthead ("Coastal Times") or a kicker ("BREAKING NEWS") above the headline: the
            # headline is the later line that the story's first lines restate, or, under a kicker
            # or a masthead with the site's menu below it, the one signed or dated just above the
            # body. (A short headline over its deck, "Fire Kills Three", stays.)
            chosen = next(
                (line for line in candidates[1:] if _heads_as_title(lines, line, chosen, top)), chosen
            )
            past_masthead = chosen is not candidates[0]
        title, title_index = strip_site_name(chosen.text), chosen.index
    # The headline signed and dated above the body, when the line found is a masthead, a kicker
    # or a label ("The Harbor City Courier", "OPINION", "Key points"), and its dek with it.
    # (Not a short headline over its deck: "Fire Kills Three", "Blaze tears through …", byline. And
    # not the value of a particulars label under the headline: "From:", "Department for Transport".)
    if signed := _signed_headline(lines, top):
        headline, deck = signed
        if (
            title_index is None
            or (headline.index < title_index < top and _PARTICULARS.fullmatch(lines[title_index - 1].text))
            # the line found past a masthead is the signed headline's dek (not a headline under
            # the paper's motto)
            or (
                past_masthead
                and deck is not None
                and deck.index == title_index
                and not _MOTTO.search(headline.text)
            )
            or (
                headline.words >= 4
                and not headline.text.endswith("?")  # (a search box's "What are you looking for?")
                and " / " not in headline.text  # (a breadcrumb: "Utne / Mind And Body / …")
                and _weak_title(
                    lines[title_index],
                    title,
                    lines,
                    headline=headline,
                    lead=" ".join(line.text for line in lines[top : top + 2]),
                )
                and any(not _could_head(line) for line in lines[title_index + 1 : headline.index])
            )
        ):
            title, title_index = strip_site_name(headline.text), headline.index
        elif deck is None and headline.index == title_index + 1 and headline.words >= 5:
            deck = headline  # "CITY APPROVES NEW BUDGET" over "Council backs libraries …"
        if (
            deck is not None
            and deck.index > title_index
            and all(line.chrome == "no words" for line in lines[title_index + 1 : deck.index])  # (★★★★☆)
            and standfirst is None
        ):
            standfirst, deck.chrome = deck, deck.chrome or "standfirst"

    # A restatement of the title just before or at the start of the body becomes the dek.
    dek = standfirst.text if standfirst else ""
    for line in [] if dek else lines[(title_index + 1 if title_index is not None else 0) : start + 1]:
        if (
            line.index == start
            and is_sentence(line.text, line.words)
            and line.words > len(words(title)) + 3
            and not line.text.casefold().startswith(title.casefold())
        ):
            break  # the story's lead, which names what its headline names, stays its first paragraph
        if 3 <= line.words <= 40 and title and _overlap(line.text, title) >= 0.5:
            if line.text.strip() != title:
                dek = line.text
            line.chrome = line.chrome or "title repeated"
            if line.index == start:
                start += 1
            break

    # A subhead alone between the headline and the body (a release's, without a full stop): the
    # dek, not a line lost between the two.
    if not dek and title_index is not None and start == title_index + 2:
        subhead = lines[title_index + 1]
        if not subhead.chrome and 5 <= subhead.words <= 40 and subhead.text[:1].isupper():
            dek, subhead.chrome = subhead.text, "standfirst"

    # The lead photo's caption over its credit ("The old pier, built in 1958, …", "(Photo: …)").
    if (
        start + 2 < end
        and lines[start + 1].chrome == "credit"
        and lines[start + 1].text.startswith("(")  # "(Photo: …)" under it: a first paragraph has none
        and lines[start].words <= 30
        and lines[start + 2].chrome not in {"byline", "date"}  # (a dek over the photo, then signed)
    ):
        lines[start].chrome, lines[start].score = "caption", -4.0
    # Trim headline-ish short lines from the edges: the body starts and ends with prose.
    while start < end and lines[start].score <= 0:
        start += 1
    while end > start and lines[end - 1].score <= 0:
        end -= 1
    end = _list_at_the_end(lines, _without_writer_note(lines, start, end), edge)
    if start >= end:
        return None
    lead = start  # the story's first paragraph (a summary box may open the story above it)
    floor = title_index if title_index is not None else -1
    if (
        start - 2 > floor
        and _BARE_TIME.match(lines[start - 2].text)
        and any(_BARE_TIME.match(line.text) for line in lines[start + 1 : end])  # (a report of entries)
        and not lines[start - 1].chrome
        and 2 <= lines[start - 1].words <= 15
    ):
        start -= 2  # a live report's first entry: its time and heading ("16:42", "Power restored …")
    # (A summary box may open the report, above its first entry: "Summary" and its items.)
    start = _summary_box(lines, start, floor=floor)
    if not title:
        title = _shorten(lines[start].text)

    # (A byline between a summary box and the story's first paragraph is above the paragraph.)
    byline_line = next((line for line in lines[:lead] if line.chrome == "byline"), None) or next(
        (
            line
            for line in lines[(title_index or 0) + 1 : start][:6]
            if line.words <= 12 and FOREIGN_BYLINE.match(line.text)
        ),
        None,
    )
    byline = byline_line.text if byline_line else ""
    if not byline:  # "Автор: Ирина Соколова" signed under the story
        byline = next(
            (
                line.text
                for line in lines[end : end + 4]
                if _SIGNED_BELOW.match(line.text) and BYLINE.match(line.text) and line.words <= 6
            ),
            "",
        )
    # The story's date: a date line just under the title or beside the byline (date lines
    # elsewhere belong to lists of other headlines).
    near = set(range(title_index + 1, title_index + 4)) if title_index is not None else set()
    if standfirst:
        near |= set(range(standfirst.index + 1, start))
    if byline_line is not None:
        near |= {byline_line.index - 1, byline_line.index + 1}
        if byline_line.index + 1 < len(lines) and lines[byline_line.index + 1].chrome == "place":
            near.add(byline_line.index + 2)  # the date under where the writer files from
    if title_index and _SIGNED_DATE.search(lines[title_index - 1].text):
        near.add(title_index - 1)  # a post's "Posted on March 2, 2025 by Fern Whitaker" above its title
    if title_index is not None:
        # a press release's "For immediate release: 14 March 2026" between its label and headline
        near |= {
            line.index
            for line in lines[max(0, title_index - 3) : title_index]
            if _RELEASE_LABEL.match(line.text)
        }
    dates = [line.text for line in lines[:start] if line.chrome == "date" and line.index in near]
    if byline_line is not None:
        dates.append(byline_line.text)  # "Posted by Jane Roe on March 3, 2025"
    # The first publication, before a later update ("Last updated: August 25, 2025") when both show.
    dates.sort(key=lambda text: bool(_UPDATED.search(text)))
    published = next(filter(None, map(date_of_line, dates)), "") or wire_date(lines[lead].text)
    if not byline:  # "Posted on March 3, 2025 by Helen Marsh"
        byline = next((signed[1] for text in dates if (signed := _SIGNED_DATE.search(text))), "")
    if not byline:  # "Олена Гнатюк, 12 березня 2024 р., 14:05"
        byline = next(filter(None, map(_name_before_date, dates)), "")
    # An editor's note above the headline opens the story's body.
    blocks: list[Block] = [Block("p", line.text) for line in lines[:start] if line.chrome == "editor's note"]
    stripped: list[str] = []
    headings = _numbered_headings(lines, start, end)
    label = ""
    listing = False  # after a lead-in ("The new bridge will include:"), short lines are its items
    listed: list[str] = []
    for line in lines:
        inside = start <= line.index < end
        if not inside or line.chrome:
            if line.index != title_index and line.text != dek and line.chrome != "editor's note":
                stripped.append(line.text)
            continue
        text = line.text
        if label:
            text, label = f"{label} {text}", ""
        if (
            not line.is_item
            and line.words <= 5
            and text.endswith(":")
            and line.index + 1 < end
            and lines[line.index + 1].score > 0
            and not lines[line.index + 1].is_item  # "Key changes:" introduces the list, stays its own
        ):
            label = text  # "Label:" on its own line stays with its paragraph
            continue
        if line.index in headings:
            # "1. Monsaraz" over its paragraph, then "2. Tomar": a listicle's numbered headings,
            # not lists of one item each (every one would read "1.").
            kind = (
                "h" if line.words <= 12 and (not is_sentence(text, line.words) or text.endswith("?")) else "p"
            )
            blocks.append(Block(kind, f"{line.marker} {text}"))
        elif line.is_item:
            blocks.append(Block("oli" if line.numbered else "li", text))
        elif (
            listing
            and 2 <= line.words <= 30
            and (
                (line.score <= 0 and (not ends_sentence(text) or (line.words <= 8 and text.endswith("?"))))
                # "Saturday from 10 a.m. to 5 p.m." (not "The first late opening will be … at 7 p.m.")
                or (line.words <= 10 and _CLOCK_END.search(text) and not _STATEMENT_VERB.search(text))
            )
            and not (  # a subheading after items in lower case, over the next paragraph
                text[0].isupper()
                # (not an item about "Wi-Fi" or "iPads"; an acronym, "NHS England responds", heads)
                and (text.split()[0][1:].islower() or text.split()[0].isupper())
                and listed
                and all(item[0].islower() for item in listed)
                and line.index + 1 < end
                and lines[line.index + 1].score > 0
            )
        ):
            blocks.append(Block("li", text))  # an item whose bullet the dump lost
            listed.append(text)
            continue
        elif (
            line.score > 0
            or is_sentence(text, line.words)
            or line.figures
            or text.endswith(":")
            or (text.startswith("[") and text.endswith("]"))  # a transcript's "[CROSSTALK]"
        ):
            blocks.append(Block("p", text))  # (a lead-in to what follows is not a heading)
        else:
            blocks.append(Block("h", text))
        listing = blocks[-1].kind == "p" and text.endswith(":")
        listed = []
    if label:
        blocks.append(Block("p", label))
    if not any(block.kind != "h" for block in blocks):
        return None
    return TextArticle(
        title=title[:500], dek=dek, byline=byline[:300], published=published, blocks=blocks, stripped=stripped
    )
