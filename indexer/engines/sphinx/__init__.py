"""The distributed engine: an index in a SphinxQL distributed table over RT tables on several
searchd nodes (Sphinx 2.2, or Manticore Search, which keeps its SphinxQL). Documents are analysed
by the embedded engine's analyzers and queries read by its parser, so both engines match alike;
the cluster stores, matches, counts and orders. Only this package imports pymysql.

index.py is what a search opens (SphinxIndex), writer.py what a reindex writes through
(SphinxBuilder); cluster.py runs the nodes of a cluster folder."""
