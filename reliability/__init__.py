"""`make reliability`: schema fuzzing per role, a fault suite on private services, a bounded load run."""
