"""E-mails saved from a mail program (``.eml``): a press release or a correspondent's copy as the
newsdesk received it. The message is read with the standard library's ``email`` package (MIME
parts, quoted-printable and base64, encoded headers); the story is its plain-text part (else its
HTML part), with a forwarded message's own headers and the sender's note above it, the signature
under "-- " and the mail program's disclaimer taken off. Its subject is the headline unless the
story heads itself, and its date dates the story when the story gives none.
"""

import email
import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from .errors import ImportRejected

# The headers a saved message opens with (not a story that quotes "From:" in its text).
_HEADER_BLOCK = re.compile(rb"\A(?:[A-Za-z][\w-]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+\n", re.DOTALL)
_MESSAGE_HEADERS = (
    b"from:",
    b"subject:",
    b"date:",
    b"message-id:",
    b"mime-version:",
    b"received:",
    b"return-path:",
)
# Where a forwarded message starts (Gmail, Outlook, Apple Mail) and the header lines under it.
_FORWARDED = re.compile(
    r"^(?:-{2,}\s*Forwarded message\s*-{2,}|-{2,}\s*Original Message\s*-{2,}|Begin forwarded message:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTED_HEADER = re.compile(r"^(From|Date|Sent|Subject|To|Cc)\s*:\s*(.*)$", re.IGNORECASE)
_AT_TIME = re.compile(r"\s+at\s+(?=\d{1,2}[:.]\d\d)")  # Gmail's "Wed, 4 Mar 2026 at 16:40"
# The signature's delimiter, "-- " (with its space: "--" alone may be a story's scene break), with
# no more than a signature's lines under it.
_SIGNATURE = re.compile(r"^-- $", re.MULTILINE)
_SIGNATURE_LINES = 15
_NOTE_WORDS = 60  # above a forwarded message: a sender's note under this, else the story
_REPLY_WORDS = 20  # above a quoted one ("-----Original Message-----"): the story from this on
_MOST_PARTS = 2000
_ATTACHED_DEPTH = 3  # messages attached in messages: a forward of a forward of a forward
_HEADERS_READ = 65536  # bytes: a relayed message's Received and ARC headers can run past 16 KB
_TAG = re.compile(r"<[^>]+>")
_ZONE_GIVEN = re.compile(r"[+-]\d{2}:?\d{2}\b|\b(?:GMT|UTC|UT|[A-Z]{3,4})$")
_SUBJECT_PREFIX = re.compile(
    r"^(?:\s*(?:re|fwd?|fw|aw|wg|tr|rv|enc)\s*:\s*|\s*\[[^\]]{1,30}\]\s*)+", re.IGNORECASE
)


@dataclass
class Mail:
    subject: str
    date: str
    text: str = ""  # the story as plain text
    html: str = ""  # or as HTML, when the message has no plain-text part
    sent: str = ""  # the date of the message itself, when the story's (a forwarded one's) differs


def is_email(data: bytes) -> bool:
    """A saved message: its first block is headers (under an mbox's "From sender date" line), with
    a sender and a subject or a date and headers a mail system writes (Message-ID, MIME-Version,
    Received …)."""
    if data[:1] == b"-" or data[:5] == b"Begin":
        # A forwarded message pasted into a text file, its marker first: read as the e-mail it was.
        first, _, rest = data[:_HEADERS_READ].lstrip().replace(b"\r\n", b"\n").partition(b"\n")
        return bool(
            _FORWARDED.match(first.decode("utf-8", "replace").strip())
            and _QUOTED_HEADER.match(rest.lstrip(b"\n").partition(b"\n")[0].decode("utf-8", "replace"))
        )
    if not data[:1].isalpha():
        return False  # (every input asks: a page, an export or most dumps are answered here)
    head = data[:_HEADERS_READ].replace(b"\r\n", b"\n")
    if head.startswith(b"From "):
        head = head.partition(b"\n")[2]  # an mbox's separator line
    block = _HEADER_BLOCK.match(head)
    if block is None:
        return False
    names = {line.split(b":", 1)[0].lower() + b":" for line in block[0].split(b"\n") if line[:1].isalpha()}
    if b"content-type:" in names and b"multipart/related" in block[0].lower():
        return False  # a web archive (MHTML): refused with its own reason
    return (
        b"from:" in names
        and bool(names & {b"subject:", b"date:"})
        and len(names & set(_MESSAGE_HEADERS)) >= 3
    )


def read_mail(data: bytes, *, depth: int = 0) -> Mail:
    """The story a saved message carries, with its subject and date (see the module's docstring)."""
    if data.count(b"\n--") > _MOST_PARTS:  # (each part opens with its boundary's line, "--…")
        raise ImportRejected(
            f"the e-mail has more than {_MOST_PARTS:,} parts: refused as no newsroom's message"
        )
    message = email.message_from_bytes(data, policy=email.policy.default)
    subject, date = _header(message, "subject"), _header(message, "date")
    sent = date
    text, html = _part(message, "plain"), _part(message, "html")
    if len(_TAG.sub(" ", f"{text} {html}").split()) < _NOTE_WORDS and (
        attached := _attached_message(message)
    ):
        # Forwarded "as an attachment": the story is the message attached under the sender's note.
        return read_mail(attached)
    if html and len(_TAG.sub(" ", html).split()) > 2 * len(text.split()):
        # The HTML part tells the story; the plain one is a stub ("open this release in a browser").
        return Mail(subject=_SUBJECT_PREFIX.sub("", subject), date=date, html=html, sent=sent)
    text = text.replace("\r\n", "\n")
    if marker := _FORWARDED.search(text):
        above = text[: marker.start()]
        # A reply (Outlook's "Original Message") quotes the thread under its story; a forward
        # carries the story under the sender's note.
        reply = "original" in marker[0].lower()
        if len(above.split()) >= (_REPLY_WORDS if reply else _NOTE_WORDS):
            text = above  # a reply's story above the message it quotes ("-----Original Message-----")
        else:
            # The forwarded message is the story; the note above it is the sender's to the desk.
            lines = text[marker.end() :].lstrip("\n").split("\n")
            header = ""
            while lines and (
                (quoted := _QUOTED_HEADER.match(lines[0]))
                or (header and lines[0].strip() and "@" in lines[0])
            ):
                if quoted:  # (else a wrapped address line of the To: or Cc: above)
                    header, value = quoted[1].lower(), quoted[2].strip()
                    if header == "subject":
                        subject = value
                    elif header in {"date", "sent"}:
                        date = _with_zone(_AT_TIME.sub(" ", value), of=sent)
                lines.pop(0)
            text = "\n".join(lines)
    if (signature := _SIGNATURE.search(text)) and len(
        text[signature.end() :].split("\n")
    ) <= _SIGNATURE_LINES:
        text = text[: signature.start()]
    return Mail(subject=_SUBJECT_PREFIX.sub("", subject), date=date, text=text, sent=sent)


def _attached_message(message) -> bytes | None:
    """The bytes of the first message attached to this one (message/rfc822), if any."""
    try:
        for part in message.iter_attachments():
            if part.get_content_type() == "message/rfc822":
                inner = part.get_content()
                return inner.as_bytes() if hasattr(inner, "as_bytes") else None
    except (LookupError, ValueError, TypeError, IndexError, AttributeError):
        return None
    return None


def _part(message, subtype: str) -> str:
    """The text of the message's body part of this subtype ("plain", "html"), '' when none."""
    try:
        part = message.get_body(preferencelist=(subtype,)) if isinstance(message, EmailMessage) else None
    except (LookupError, ValueError, TypeError, IndexError):
        return ""
    if part is None:
        return ""
    try:
        return part.get_content()
    except (LookupError, ValueError, UnicodeError, AttributeError):  # an unknown charset, a broken encoding
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""


def _with_zone(value: str, *, of: str) -> str:
    """A forwarded message's date, in the zone of the message that forwards it when it names none
    (Gmail's "Wed, 4 Mar 2026 at 16:40" under a message sent "17:05 +0100")."""
    if _ZONE_GIVEN.search(value):
        return value
    try:
        offset = parsedate_to_datetime(of).strftime("%z")
    except (TypeError, ValueError, IndexError, OverflowError):
        return value
    return f"{value} {offset}" if offset else value


def _header(message, name: str) -> str:
    try:
        return " ".join(str(message[name] or "").split())
    except (ValueError, TypeError, IndexError):  # a header the parser could not decode
        return ""


def readable(data: bytes) -> str:
    """The message as an editor reads it, for the review beside the cleaned story: its subject
    and date, then its text (its HTML part's lines as a reader sees them, when it has no plain one)."""
    from .html import visible_lines

    mail = read_mail(data)
    return f"Subject: {mail.subject}\nDate: {mail.date}\n\n{mail.text or visible_lines(mail.html)}"
