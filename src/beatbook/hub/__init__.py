"""The Partnership & Prevention Hub: analyses of the stored crime data for analysts and DWOs."""
