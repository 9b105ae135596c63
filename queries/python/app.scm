; Application objects, adapters and everything registered on an app.
; Predicates are #any-of? on a name: a file holding none of the names skips the pattern (queries.ts).

; app = FastAPI(...), app: FastAPI = fastapi.FastAPI(...), handler = Mangum(app)
(assignment
  left: (identifier) @variable
  right: (call
    function: [
      (identifier) @appClass
      (attribute attribute: (identifier) @appClass)
    ] @callee
    arguments: (argument_list) @args)
  (#any-of? @appClass "FastAPI" "Starlette" "Mangum")) @factory

; app.add_middleware(...), app.include_router(...), app.add_exception_handler(...), app.add_event_handler(...), app.mount(...)
(call
  function: (attribute
    object: (identifier) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "add_middleware" "include_router" "add_exception_handler" "add_event_handler" "mount")) @registration

; app.router.routes.extend(users.router.routes), app.routes.extend(...), app.router.routes.append(route):
; routes copied onto the app are served like an included router's
(call
  function: (attribute
    object: [
      (attribute
        object: (identifier) @receiver
        attribute: (identifier) @routes)
      (attribute
        object: (attribute
          object: (identifier) @receiver
          attribute: (identifier) @routerAttr)
        attribute: (identifier) @routes)
    ]
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  ; one word only, so that files merely calling .append are not read for apps; the method
  ; (extend or append) is checked in registrations.ts
  (#any-of? @routes "routes")) @registration

; @app.middleware("http"), @app.exception_handler(Exc), @app.on_event("startup")
(decorated_definition
  (decorator
    (call
      function: (attribute
        object: (identifier) @receiver
        attribute: (identifier) @method)
      arguments: (argument_list) @args)) @decorator
  definition: (_) @definition
  (#any-of? @method "middleware" "exception_handler" "on_event")) @decorated

; app.middleware("http")(fn), app.exception_handler(Exc)(fn), app.on_event("startup")(fn): the
; decorator applied as a call, the same registration as the decorated form
(call
  function: (call
    function: (attribute
      object: (identifier) @receiver
      attribute: (identifier) @method)
    arguments: (argument_list) @args) @decorator
  arguments: (argument_list . (_) @handler .)
  (#any-of? @method "middleware" "exception_handler" "on_event")) @applied
