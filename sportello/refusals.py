"""A business rule said no. Each domain raises its own subclass (so callers catch just
the refusals they expect); `message` is translated, for the person who asked."""


class Refused(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(str(message))
