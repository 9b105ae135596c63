// What the PAR001 topic files newcomer, newcomer2 and parity share: middleware classes that pass every request on,
// and the Python probe that compares the middleware both entry points (main.py, lazy_app.py) register.

/** A module's text: BaseHTTPMiddleware imported, then each class, which passes every request on. */
export const passThroughMiddleware = (...names: string[]) =>
  [
    'from starlette.middleware.base import BaseHTTPMiddleware',
    ...names.map((n) => `\n\nclass ${n}(BaseHTTPMiddleware):\n    async def dispatch(self, request, call_next):\n        return await call_next(request)`),
  ].join('\n');

/**
 * main.py registers `expected` (outermost first, as user_middleware lists them); lazy_app.py must register the same,
 * else it fails with "lazy_app.py runs without <the missing ones>".
 */
export const middlewareParityProbe = (expected: string[]) => String.raw`import main, lazy_app
names = lambda a: [m.cls.__name__ for m in a.user_middleware]
assert names(main.app) == [${expected.map((n) => `"${n}"`).join(', ')}], names(main.app)
assert names(lazy_app.app) == names(main.app), "lazy_app.py runs without " + ", ".join(sorted(set(names(main.app)) - set(names(lazy_app.app))))`;
