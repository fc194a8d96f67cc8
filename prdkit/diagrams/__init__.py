"""Diagrams: the graph a picture shows (`graph`), laid out once, drawn by every writer."""
