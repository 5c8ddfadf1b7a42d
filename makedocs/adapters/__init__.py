"""The only modules allowed to touch a library's private internals, one per library."""
