"""The cues a quote is found by, one module each: words in marks (marked), dialogue and transcripts
(dialogue), reported speech (reported), words credited after them (credits), partial quotes (partial).
quotes.py runs them in that order and settles what two of them found twice."""
