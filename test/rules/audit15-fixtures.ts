// The repository both audit15 case files judge library strings against (MOD001 resolves the module,
// MOD002 the attribute): a logging handler class and an auth backend function under a src/ root.
export const LIBRARY_TREE = String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":"src","entrypoints":["main.py"]}]}
-- src/logs/__init__.py --
-- src/logs/audit.py --
import logging


class AuditHandler(logging.StreamHandler):
    pass
-- src/auth/__init__.py --
-- src/auth/backends.py --
def token_backend():
    return "token"
`;
