"""Deck PPTX: model + theme -> slide plan -> PPTX."""
