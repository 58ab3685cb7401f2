"""Only a string."""
