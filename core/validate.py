"""Argument checks shared by core: each raises ValueError naming the parameter and its range."""
import numbers

import numpy as np


def check_finite(name, value):
    """Raise unless every element of value is a finite number."""
    arr = np.asarray(value)
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
        raise ValueError(f"{name} must be numeric; got {arr.dtype}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")


def check_positive(name, value):
    """Raise unless value is one finite real number > 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}")
    return float(value)


def check_int(name, value, low, high=None):
    """Raise unless value is a whole number in [low, high] (high=None: no upper bound)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number; got {value!r}")
    if value < low or (high is not None and value > high):
        allowed = f">= {low}" if high is None else f"in [{low}, {high}]"
        raise ValueError(f"{name} must be {allowed}; got {value}")
    return int(value)


def check_choice(name, value, options):
    """Raise unless value is one of options (compared with ==)."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(str, options))}; got {value!r}")
    return value
