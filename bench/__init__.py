"""The side-by-side benchmark (`make bench`): pages as three kinds of user beside the
admin changelists of the same models, the year-end summary PDFs, and Celery's
report throughput, all measured in one run and printed as one table.
See the README ("Benchmark") and bench/RESULTS.md."""
