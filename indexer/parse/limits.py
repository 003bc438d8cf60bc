"""How much of an input the parser reads: the bounds on a file, and on what an archive may expand to.
Declared here once, stated in the README, and named in the messages of what they refuse."""

# Larger files are not filings anyone searches as text. Parsing and indexing a file takes about
# 30 times its size in memory (a 30 MB file peaks near 900 MB), so a larger one is refused unread.
# An archive's member is a file, held to the same bound.
MAX_FILE_BYTES = 32 * 1024 * 1024
TOO_LARGE = f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"

# The whole of an archive may expand to MAX_RATIO times its own size (EDGAR text compresses 5 to 15
# times, a decompression bomb a thousand), but always to one member's worth, and never beyond
# MAX_ARCHIVE_GIB: past either, it is read no further.
MAX_RATIO = 100
MAX_ARCHIVE_GIB = 256
