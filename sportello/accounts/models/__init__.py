from .audit import AuditEntry
from .users import User, UserManager, new_session_salt
from .views import SavedView

__all__ = ["AuditEntry", "SavedView", "User", "UserManager", "new_session_salt"]
