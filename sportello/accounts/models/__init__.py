from .audit import AuditEntry
from .users import User, UserManager, new_session_salt

__all__ = ["AuditEntry", "User", "UserManager", "new_session_salt"]
