"""Steady load (make test-load): simulated users against a server and a PostgreSQL of its own."""
