"""The fill-in proclamation: a blank for Word, one filled from the command line, thousands from a CSV."""
