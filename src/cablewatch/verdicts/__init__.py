"""Officer tools over the standards engine: judge a sample by hand, look up the
requirement tables of any designation, and the judge API."""
