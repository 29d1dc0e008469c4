"""Which extractor produced a document's rows: stored on each document (``documents.extractor_version``).

Bump ``EXTRACTOR_VERSION`` whenever what ``docstore.extract.extract`` returns for a text may
change (a new rule, a lexicon entry, another model). `docstore reextract --older` then
re-runs the extractor over the documents an earlier one produced (or an unknown one:
rows stored before the version was recorded hold NULL), and `load` of an unchanged file
says so. Compared as text: any change of the value counts, not an ordering.
"""

EXTRACTOR_VERSION = 2  # 2: the events package; a role noun as the subject «по его словам» refers to
