"""beatbook: software for neighbourhood policing teams and their Partnership & Prevention Hub."""

__version__ = "0.1.0"
