"""Files -> Article: formats, encodings, headers. No NLP, no database."""

from docstore.ingest.article import Article
from docstore.ingest.encoding import decode
from docstore.ingest.errors import Failure, ReadError
from docstore.ingest.files import content_hash, iter_files
from docstore.ingest.records import Fields
from docstore.ingest.sources import MAX_ARTICLE_MB, read_source
from docstore.ingest.text import parse_published, read_file, read_text

__all__ = ["MAX_ARTICLE_MB", "Article", "Failure", "Fields", "ReadError", "content_hash", "decode", "iter_files", "parse_published",
           "read_file", "read_source", "read_text"]
