from typing import Any, List, Optional, Sequence, Tuple, Union
import os
from . import Store

DEFAULT_PARTITION_BYTES: int

def partitions(paths: Union[str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]], *,
               partition_bytes: int = ..., npartitions: Optional[int] = ...) -> List[Tuple[str, int, int, int]]: ...
def merge(partials: Sequence[bytes]) -> bytes: ...
def partial_info(partial: bytes) -> dict[str, Any]: ...
def aggregate(paths_or_bag: Any, client: Any = ..., *, store: Union[None, str, Store] = ...,
              partition_bytes: int = ..., npartitions: Optional[int] = ..., tz: str = ..., bucket_minutes: int = ...,
              lexicon_dir: Optional[str] = ..., retries: int = ..., threads_per_task: int = ..., on_progress: Any = ...,
              return_partial: Optional[bool] = ..., columns: Optional[dict[str, str]] = ...) -> dict[str, Any]: ...
