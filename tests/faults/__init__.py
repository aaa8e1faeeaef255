"""Fault suite (make test-faults): crash, kill -9, hang and pool exhaustion with an acknowledgement log."""
