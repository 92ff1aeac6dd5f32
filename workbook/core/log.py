"""The kit's one logger. Modules log through ``workbook.core.log.logger``, never ``print``."""

import logging

logger = logging.getLogger("workbook")
logger.addHandler(logging.NullHandler())
