class ImportRejected(Exception):
    """Input that cannot become an article; the message is one line a person understands."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
