"""A file that passed its schema: what the cross-file checks and the model are built from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from learnpath.roadmap.yamlfile import YamlFile

Model = TypeVar("Model", bound=BaseModel)


@dataclass
class Checked(Generic[Model]):
    """A file that passed the schema, with its source kept for locating later problems."""

    id: str
    source: YamlFile
    content: Model
