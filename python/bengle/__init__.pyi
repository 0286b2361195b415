# Type hints of the bengle package (see __init__.py for the documentation).
import datetime
import os
from typing import Any, Iterable, List, Literal, Mapping, Optional, Sequence, Tuple, TypedDict, Union, overload

import pandas as pd

from ._bengle import CorruptionError as CorruptionError
from ._bengle import Partial as Partial  # the partial aggregate of bengle.dask

CLASSIFY_FIELDS: Tuple[str, ...]

_Time = Union[None, str, datetime.date, datetime.datetime, pd.Timestamp]
_Path = Union[str, os.PathLike[str]]

class CategoryScore(TypedDict):
    name: str
    score: float

class Classified(TypedDict):
    id: Optional[str]
    services: List[str]
    service_names: List[str]
    categories: List[CategoryScore]
    complaint: bool
    negated: bool
    recovery: bool
    official: bool
    hashtags: List[str]
    causes: List[str]

class IngestStats(TypedDict):
    posts_read: int
    posts_new: int
    posts_duplicate: int
    bad_records: int
    messages: List[str]

def data_dir() -> str: ...
@overload
def normalize(text: str, details: Literal[False] = ...) -> str: ...
@overload
def normalize(text: str, details: Literal[True]) -> dict[str, Any]: ...
def segment(text: str) -> List[str]: ...

class Classifier:
    def __init__(self, lexicon_dir: Optional[_Path] = ..., catalogue: Optional[_Path] = ...) -> None: ...
    @property
    def rules(self) -> int: ...
    @overload
    def classify(self, texts: str, *, threads: int = ...) -> Classified: ...
    @overload
    def classify(self, texts: Union[List[str], Tuple[str, ...]], *, threads: int = ...) -> List[Classified]: ...
    @overload
    def classify(self, texts: Union[pd.Series, pd.DataFrame], *, threads: int = ...) -> pd.DataFrame: ...

@overload
def classify(texts: str, *, threads: int = ..., classifier: Optional[Classifier] = ...) -> Classified: ...
@overload
def classify(texts: Union[List[str], Tuple[str, ...]], *, threads: int = ...,
             classifier: Optional[Classifier] = ...) -> List[Classified]: ...
@overload
def classify(texts: Union[pd.Series, pd.DataFrame], *, threads: int = ...,
             classifier: Optional[Classifier] = ...) -> pd.DataFrame: ...

class Store:
    path: str
    tz: str
    def __init__(self, path: _Path, *, bucket_minutes: int = ..., read_only: bool = ..., tz: str = ...,
                 classifier: Optional[Classifier] = ...) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: Any) -> None: ...
    def close(self) -> None: ...
    @property
    def bucket_minutes(self) -> int: ...
    def ingest(self, source: Union[_Path, Sequence[_Path], pd.DataFrame, Iterable[Mapping[str, Any]]], *,
               threads: int = ..., batch: int = ..., columns: Optional[Mapping[str, str]] = ...) -> IngestStats: ...
    def apply_partial(self, partial: Union[bytes, "Partial"]) -> dict[str, int]: ...
    def detect_json(self, start: _Time = ..., end: _Time = ...) -> str: ...
    def detect(self, start: _Time = ..., end: _Time = ...) -> pd.DataFrame: ...
    def series(self, service: str, start: _Time = ..., end: _Time = ...) -> pd.DataFrame: ...
    def report_html(self, path: _Path, start: _Time = ..., end: _Time = ...) -> int: ...

def score_series(series: Union[pd.Series, pd.DataFrame], *, kind: Literal["auto", "counts", "continuous"] = ...,
                 bucket_minutes: int = ..., tz: str = ...) -> pd.Series: ...
