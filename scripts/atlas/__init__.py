"""Retention Atlas: load, validate, model, render and export data retention entries."""

__version__ = "0.2.1"
