"""Support for beatbook's own test suite."""
