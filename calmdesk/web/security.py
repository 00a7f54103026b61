"""Which paths are console pages, and the Content-Security-Policy they are served with."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The JSON API keeps its own answers; /docs loads Swagger UI from a CDN with inline
# scripts, so it stays outside the console's policy.
NON_CONSOLE_PREFIXES = ("/api/", "/docs", "/redoc")

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)


def is_console_path(path: str) -> bool:
    """True for pages of the web console and customer portal (everything but the API and docs)."""
    return not path.startswith(NON_CONSOLE_PREFIXES)


class ContentSecurityPolicy:
    """Adds the console's CSP (no inline scripts or styles, nothing from elsewhere) to its pages."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.header = (b"content-security-policy", CONTENT_SECURITY_POLICY.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_console_path(scope["path"]):
            await self.app(scope, receive, send)
            return

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), self.header]
            await send(message)

        await self.app(scope, receive, with_policy)
