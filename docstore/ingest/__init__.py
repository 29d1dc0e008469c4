"""Files -> Article: formats, encodings, headers. No NLP, no database."""
