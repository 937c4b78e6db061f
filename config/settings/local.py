"""The default: a single machine serving the demo providers on the embedded SQLite database."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = env.debug(default=False)
