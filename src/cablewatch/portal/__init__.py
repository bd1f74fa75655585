"""Public portal: the public site and open data."""
