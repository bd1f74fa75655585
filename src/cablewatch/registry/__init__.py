"""Registry: enterprises, production licences, CCC certificates, products."""
