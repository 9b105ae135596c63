# parity-check's runtime probe: imports one entry point the way Lambda would and reports, as one
# JSON object, what real Python found. Standard library only (it must run on any interpreter from
# 3.8 on, inside the app's own environment); it never needs Mangum, FastAPI or SQLAlchemy itself,
# it only looks at them when the app imported them.
#
# Run by src/verify/probe-runner.ts, one fresh process per entry point, with the package folder as
# the working directory and as PYTHONPATH:
#
#   python probe.py '{"module": "lazy_app", "root": "/tmp/pkg", "handler": "handler",
#                     "modulePaths": [{"path": "api.v1.users", "attrs": ["router"]}]}'
#
# and prints one line to its real stdout: {"probe": 1, "import": {...}, "apps": [...], ...}.
# Whatever the app prints goes to stderr, so it cannot corrupt that line.
import importlib
import json
import os
import sys
import traceback

PROBE_VERSION = 1

# `python probe.py` puts the probe's own folder first on sys.path; Lambda does not (-P does the
# same on 3.11+, but the app's interpreter may be older).
_here = os.path.dirname(os.path.abspath(__file__))
if sys.path and os.path.abspath(sys.path[0] or ".") == _here:
    del sys.path[0]


def qualname(obj):
    """`package.module.Name` for a class or function; repr for anything else."""
    mod = getattr(obj, "__module__", None)
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    if mod == "builtins" and name:
        return str(name)
    if mod and name:
        return "%s.%s" % (mod, name)
    if name:
        return str(name)
    return type(obj).__name__ if not isinstance(obj, (str, int, float)) else repr(obj)


def short_repr(value, limit=200):
    try:
        text = repr(value)
    except Exception as e:  # a __repr__ that raises must not end the probe
        text = "<repr failed: %s>" % type(e).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def frames_in(tb, root):
    """The traceback's frames whose file is inside the package, innermost last, paths relative to it."""
    out = []
    root = os.path.abspath(root)
    for fs in traceback.extract_tb(tb):
        path = os.path.abspath(fs.filename)
        if path == root or path.startswith(root + os.sep):
            out.append({"file": os.path.relpath(path, root).replace(os.sep, "/"), "line": fs.lineno, "function": fs.name})
    return out


def error_of(exc, root):
    """An exception as data: its type, message, the frames inside the package and, for a SyntaxError, where."""
    err = {"type": qualname(type(exc)), "message": str(exc), "frames": frames_in(exc.__traceback__, root)}
    if isinstance(exc, SyntaxError) and exc.filename:
        path = os.path.abspath(exc.filename)
        rel = os.path.relpath(path, os.path.abspath(root)).replace(os.sep, "/")
        err["frames"].append({"file": rel, "line": exc.lineno or 1, "function": "<module>"})
    if isinstance(exc, ImportError) and getattr(exc, "name", None):
        err["module"] = exc.name
    return err


def middleware_of(app):
    out = []
    for m in getattr(app, "user_middleware", []) or []:
        cls = getattr(m, "cls", m)
        # Starlette < 0.35 keeps keyword options in .options; newer ones keep .args and .kwargs.
        args = list(getattr(m, "args", ()) or ())
        kwargs = dict(getattr(m, "kwargs", None) or getattr(m, "options", None) or {})
        # @app.middleware("http") wraps the function in BaseHTTPMiddleware(dispatch=fn).
        out.append(
            {
                "class": qualname(cls),
                "args": [short_repr(a) for a in args],
                "kwargs": {k: (qualname(v) if callable(v) else short_repr(v)) for k, v in sorted(kwargs.items())},
            }
        )
    return out


def routes_of(app):
    out = []
    for r in getattr(app, "routes", []) or []:
        item = {"kind": type(r).__name__, "path": getattr(r, "path", None)}
        methods = getattr(r, "methods", None)
        if methods:
            item["methods"] = sorted(methods)
        endpoint = getattr(r, "endpoint", None)
        if endpoint is not None:
            item["endpoint"] = qualname(endpoint)
        out.append(item)
    return out


def handlers_of(app):
    out = []
    for key, fn in (getattr(app, "exception_handlers", None) or {}).items():
        out.append({"key": key if isinstance(key, int) else qualname(key), "handler": qualname(fn)})
    return sorted(out, key=lambda h: str(h["key"]))


def is_asgi_app(obj):
    """A Starlette (or FastAPI) application, recognised by its type's bases, without importing Starlette."""
    if isinstance(obj, type):
        return False
    for klass in type(obj).__mro__:
        if klass.__name__ == "Starlette" and klass.__module__.startswith("starlette"):
            return True
    return False


def apps_in(module):
    apps = []
    for name, obj in sorted(vars(module).items()):
        if not is_asgi_app(obj):
            continue
        router = getattr(obj, "router", None)
        apps.append(
            {
                "name": name,
                "class": qualname(type(obj)),
                "middleware": middleware_of(obj),
                "routes": routes_of(obj),
                "exceptionHandlers": handlers_of(obj),
                "startup": [qualname(f) for f in getattr(router, "on_startup", []) or []],
                "shutdown": [qualname(f) for f in getattr(router, "on_shutdown", []) or []],
            }
        )
    return apps


def check_module_path(spec, root):
    """Import a module-path string and read the attributes the loader reads, as the lazy loader will."""
    out = {"path": spec["path"], "ok": True}
    try:
        mod = importlib.import_module(spec["path"])
    except BaseException as e:  # SystemExit from an app module is a failure too
        out.update(ok=False, error=error_of(e, root))
        return out
    missing = [a for a in spec.get("attrs", []) if not hasattr(mod, a)]
    if missing:
        out.update(ok=False, missingAttrs=missing)
    # The routes of each router it reads, so the Lambda app's routes once every router is loaded
    # can be held against the eager app's (by endpoint and methods: prefixes are the loader's).
    routes = []
    for a in spec.get("attrs", []):
        value = getattr(mod, a, None)
        if value is not None and not isinstance(value, type) and hasattr(value, "routes"):
            routes.extend(routes_of(value))
    if routes:
        out["routes"] = routes
    return out


def check_mappers(root):
    """SQLAlchemy's configure_mappers(), when the app imported SQLAlchemy's ORM: the error of a relationship("Name") it cannot find."""
    orm = sys.modules.get("sqlalchemy.orm")
    if orm is None:
        return None
    try:
        orm.configure_mappers()
    except Exception as e:
        return {"ok": False, "error": error_of(e, root)}
    return {"ok": True}


# --invoke: one GET request per lazily loaded router, driven as an ASGI call (no network, no Mangum).

_PARAM = None


def fill_params(path):
    """`/users/{user_id}` and `/files/{p:path}` with each parameter "1"."""
    global _PARAM
    if _PARAM is None:
        import re

        _PARAM = re.compile(r"\{[^}]*\}")
    return _PARAM.sub("1", path or "/") or "/"


def get_route(router):
    """A GET route of the router: one without path parameters first, else the first GET one."""
    gets = [r for r in getattr(router, "routes", []) or [] if "GET" in (getattr(r, "methods", None) or ()) and getattr(r, "endpoint", None) is not None]
    plain = [r for r in gets if "{" not in (getattr(r, "path", "") or "")]
    return (plain or gets or [None])[0]


def place_of(fn, root):
    """The repository-relative file and first line of an endpoint function, when it is inside the package."""
    try:
        import inspect

        fn = inspect.unwrap(fn)
        code = fn.__code__
    except Exception:
        return None
    path = os.path.abspath(code.co_filename)
    root = os.path.abspath(root)
    if not path.startswith(root + os.sep):
        return None
    return {"file": os.path.relpath(path, root).replace(os.sep, "/"), "line": code.co_firstlineno}


def served_path(app, endpoint):
    for r in getattr(app, "routes", []) or []:
        if getattr(r, "endpoint", None) is not None and qualname(r.endpoint) == endpoint:
            return getattr(r, "path", None)
    return None


async def asgi_get(app, path, timeout):
    """One GET request through the whole app (middleware, lazy loader, routing): its status and what it raised."""
    import asyncio

    done = asyncio.Event()
    status = []
    sent = [False]

    async def receive():
        if not sent[0]:
            sent[0] = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await done.wait()  # the client stays connected until the response is complete
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start":
            status.append(message["status"])
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            done.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode("utf-8"),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"lambda.local"), (b"user-agent", b"parity-check-verify"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 1),
        "server": ("lambda.local", 443),
    }
    out = {"path": path}
    try:
        await asyncio.wait_for(app(scope, receive, send), timeout)
    except asyncio.TimeoutError:
        out["timedOut"] = True
    except BaseException as e:  # what the app lets out: Starlette sends its 500, then raises
        out["raised"] = e
    finally:
        done.set()
    out["status"] = status[0] if status else None
    return out


async def invoke_routers(app, routers, eager_paths, timeout, root):
    """Per router: find where the Lambda app serves its GET route (once the loader included it), ask it, keep the answer."""
    results = []
    for module_path, router in routers:
        route = get_route(router)
        if route is None:
            results.append({"module": module_path, "skipped": "it has no GET route"})
            continue
        endpoint = qualname(route.endpoint)
        item = {"module": module_path, "endpoint": endpoint}
        place = place_of(route.endpoint, root)
        if place:
            item.update(place)
        answer = None
        for cand in (served_path(app, endpoint), eager_paths.get(endpoint), getattr(route, "path", None)):
            if cand is None:
                continue
            answer = await asgi_get(app, fill_params(cand), timeout)
            now = served_path(app, endpoint)
            # The loader included the router on that request, under a prefix of its own: ask there.
            if now is not None and fill_params(now) != fill_params(cand) and not answer.get("raised") and not answer.get("timedOut"):
                answer = await asgi_get(app, fill_params(now), timeout)
            if now is not None or answer.get("raised") or answer.get("timedOut") or (answer["status"] or 0) >= 500:
                break
            answer = None
        if answer is None:
            item["skipped"] = "the Lambda app did not serve %s after a request to its eager path or its own path" % endpoint
        else:
            if "raised" in answer:
                answer["error"] = error_of(answer.pop("raised"), root)
            item.update(answer)
        results.append(item)
    return results


def invoke(module, request, root):
    # The app named `app` first (the one an adapter usually wraps), then by name.
    apps = [obj for _, obj in sorted(vars(module).items(), key=lambda kv: (kv[0] != "app", kv[0])) if is_asgi_app(obj)]
    if not apps:
        return {"skipped": "the module holds no Starlette/FastAPI app"}
    routers = []
    for spec in request.get("modulePaths", []):
        mod = sys.modules.get(spec["path"])
        for a in spec.get("attrs", []):
            value = getattr(mod, a, None) if mod is not None else None
            if value is not None and not isinstance(value, type) and hasattr(value, "routes"):
                routers.append((spec["path"], value))
    import asyncio

    opts = request["invoke"]
    return {"routers": asyncio.run(invoke_routers(apps[0], routers, opts.get("eagerPaths", {}), opts.get("timeout", 5), root))}


def main(argv):
    request = json.loads(argv[1])
    root = request["root"]
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # what the app prints must not reach the result line
    result = {"probe": PROBE_VERSION, "python": "%d.%d.%d" % sys.version_info[:3], "module": request["module"]}
    try:
        module = importlib.import_module(request["module"])
    except BaseException as e:
        result["import"] = {"ok": False, "error": error_of(e, root)}
    else:
        result["import"] = {"ok": True}
        result["apps"] = apps_in(module)
        handler = request.get("handler")
        if handler:
            fn = getattr(module, handler, None)
            result["handler"] = {"name": handler, "exists": fn is not None, "callable": callable(fn)}
        # Right after the import, before any lazy router loads: the first request's query configures
        # the mappers with only what the entry point imported (how failed to locate a name
        # ('CMEActivity') reached production).
        result["mappers"] = check_mappers(root)
    # Then what the lazy loader imports on first request, in this same process, as Lambda would.
    result["modulePaths"] = [check_module_path(s, root) for s in request.get("modulePaths", [])]
    if request.get("invoke") and result["import"]["ok"]:
        try:
            result["invoke"] = invoke(module, request, root)
        except BaseException as e:  # the probe's own driving failed: said, never a silent pass
            result["invoke"] = {"skipped": "the requests could not be sent: %s: %s" % (type(e).__name__, e)}
    real_stdout.write(json.dumps(result, sort_keys=True) + "\n")
    real_stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
