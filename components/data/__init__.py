"""The data layer: the package (contract), reading, checks, loading, queries and docs."""

from components.data.load import DEFAULT_DATA_DIR, Dataset, load, resolve_data_dir, validate
from components.data.problem import DataError, Problem

__all__ = [
    "DEFAULT_DATA_DIR",
    "DataError",
    "Dataset",
    "Problem",
    "load",
    "resolve_data_dir",
    "validate",
]
