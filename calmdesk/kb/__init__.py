"""The solution database: knowledge-base articles, their search, and suggestions on tickets."""
