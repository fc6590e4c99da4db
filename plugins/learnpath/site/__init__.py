"""Which pages a roadmap becomes, their HTML fragments and the published files. Knows the
model, not the engine."""
