"""drafter: plans of Vietnamese communes, drafted from structured data into ND 30 documents."""

__version__ = "0.1.0"
