"""One spider per CMS family; each follows a site's annual-report column to its reports."""
