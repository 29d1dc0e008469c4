"""Files -> Article: formats, encodings, headers. No NLP, no database."""

from docstore.ingest.article import Article
from docstore.ingest.files import content_hash, iter_files
from docstore.ingest.text import ReadError, parse_published, read_file, read_text

__all__ = ["Article", "ReadError", "content_hash", "iter_files", "parse_published", "read_file", "read_text"]
