import sys

from edition.cli import main

sys.exit(main())
