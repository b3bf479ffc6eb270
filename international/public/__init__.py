"""The public pages: their addresses, views, cache and what every page's layout needs."""
