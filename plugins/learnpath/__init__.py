"""learnpath: a YAML learning roadmap rendered as a website."""
