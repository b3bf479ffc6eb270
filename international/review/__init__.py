"""Review and approval: editors propose, approvers publish (docs/review.md)."""
