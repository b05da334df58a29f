import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sportello.settings")
application = get_wsgi_application()

# Load every view now, then take what start-up built (Django, the libraries, the URL
# patterns: about 130,000 objects) out of the garbage collector's sight. Each full
# collection walked them all again, a pause of about 70 ms that some request waited for
# (the p95 of a page measured twenty times held one). They live as long as the process.
import_module(settings.ROOT_URLCONF)
gc.freeze()
