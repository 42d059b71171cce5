"""A static-site generator for a bilingual (Arabic/English) news archive."""
