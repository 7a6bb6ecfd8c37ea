"""The only layer that reads and writes files and fans out work: service, batch, the Advisor."""
