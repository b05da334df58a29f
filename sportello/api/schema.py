"""How the OpenAPI document describes our authentication."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "sportello.api.authentication.BearerTokenAuthentication"
    name = "bearer"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": (
            "An integration token (made by a supervisor in the console) or a personal token (made on one's own "
            "profile page): `Authorization: Bearer spt_…`.")}
