// Scaffolding: replaced by this target's real tests.
