"""Importing stories: bytes in, clean sanitized articles out (see ``pipeline.import_file``)."""
