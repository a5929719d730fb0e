"""Site search that understands Thai: word segmentation, the search backend, result rows."""
