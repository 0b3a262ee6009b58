"""The framework's indicators, one module per source of data; importing this package registers them all."""
