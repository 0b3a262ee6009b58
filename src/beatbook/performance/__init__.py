"""The Neighbourhood Policing Performance Framework: indicators under the strategy's four aims."""
