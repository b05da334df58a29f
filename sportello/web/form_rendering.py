"""How our forms draw their widgets.

With the Jinja2 copies of its widget templates that Django ships: the same HTML in
about half the time of Django's template language (a console ticket page's forms took
10 of its 28 ms). One renderer for every form, so its engine is built once per
process. The admin keeps Django's default renderer: its own widgets have Django
templates only, which is why this is not the FORM_RENDERER setting.
"""

from django.forms.renderers import Jinja2

FORM_RENDERER = Jinja2()
