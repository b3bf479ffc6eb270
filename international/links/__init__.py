"""The broken-link report: the outside addresses of the records, checked and kept in LinkCheck."""
