"""The benchmark behind `make bench`, and the corpus generator the fault tests share with it."""
