"""Booklet PDF: model + theme -> reading-order PDF; impose.py turns it into print sheets."""
