"""`python -m navtrain ...` runs the command line."""

import sys

from navtrain.cli import main

sys.exit(main())
