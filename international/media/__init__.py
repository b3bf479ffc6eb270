"""Uploaded images: what is accepted (validation) and what is made of it (renditions)."""
