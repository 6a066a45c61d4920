"""Report pages for analysts: aggregates from the database, drawn as server-side SVG."""
