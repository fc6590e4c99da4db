"""Load, check and model a roadmap: YAML in, a `Roadmap` or located problems out. No HTML,
no engine."""
