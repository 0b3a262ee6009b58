"""The Hub stores nothing of its own yet: its analyses read the crime and geography apps."""
