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
_SIGNATURE = re.compile(r"^--[ \t]?$", re.MULTILINE)  # the signature's delimiter, "-- "
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


def is_email(data: bytes, *, name: str = "") -> bool:
    """A saved message: its first block is headers, with a sender and a subject or a date and one
    a mail system writes (Message-ID, MIME-Version, Received …)."""
    head = data[:16384].replace(b"\r\n", b"\n")
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


def read_mail(data: bytes) -> Mail:
    message = email.message_from_bytes(data, policy=email.policy.default)
    subject, date = _header(message, "subject"), _header(message, "date")
    sent = date  # the message's own date, when a forwarded one's is unreadable ("Wed, 4 Mar 2026 at 16:40")
    part = message.get_body(preferencelist=("plain", "html")) if isinstance(message, EmailMessage) else None
    if part is None:
        return Mail(subject=_SUBJECT_PREFIX.sub("", subject), date=date)
    try:
        content = part.get_content()
    except (LookupError, ValueError, UnicodeError):  # an unknown charset, a broken encoding
        content = part.get_payload(decode=True).decode("utf-8", errors="replace")
    if part.get_content_subtype() == "html":
        return Mail(subject=_SUBJECT_PREFIX.sub("", subject), date=date, html=content)
    text = content.replace("\r\n", "\n")
    if forwarded := list(_FORWARDED.finditer(text)):
        # The forwarded message is the story; the note above it is the sender's to the desk.
        text = text[forwarded[-1].end() :]
        lines = text.lstrip("\n").split("\n")
        while lines and (quoted := _QUOTED_HEADER.match(lines[0])):
            key, value = quoted[1].lower(), quoted[2].strip()
            if key == "subject":
                subject = value
            elif key in {"date", "sent"}:
                date = _AT_TIME.sub(" ", value)
            lines.pop(0)
        text = "\n".join(lines)
    if signature := _SIGNATURE.search(text):
        text = text[: signature.start()]
    return Mail(subject=_SUBJECT_PREFIX.sub("", subject), date=date, text=text, sent=sent)


def _header(message, name: str) -> str:
    try:
        return " ".join(str(message[name] or "").split())
    except (ValueError, TypeError, IndexError):  # a header the parser could not decode
        return ""


def readable(data: bytes) -> str:
    """The message as an editor reads it, for the review beside the cleaned story: its subject
    and date, then its text (its HTML part's, tags and all, when it has no plain-text one)."""
    mail = read_mail(data)
    return f"Subject: {mail.subject}\nDate: {mail.date}\n\n{mail.text or mail.html}"
