"""Retention Atlas: load, validate, model, render and export data retention entries."""
