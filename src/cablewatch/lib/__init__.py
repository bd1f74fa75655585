"""Framework-free helpers shared by the Django apps."""
