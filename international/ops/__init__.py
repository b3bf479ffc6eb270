"""Running the section: backups and restores, the health check and the seed content."""
