"""docstore: who said what, where and when, in Russian-language news."""

__version__ = "0.1.0"
