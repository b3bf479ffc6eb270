"""What the section publishes besides its pages: open data, feeds, sitemaps, structured data
and the map of the twin cities."""
