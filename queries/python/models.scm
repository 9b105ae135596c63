; SQLAlchemy: classes (decided to be models across modules later) and declarative base factories.

(class_definition
  name: (identifier) @name
  body: (block) @body) @class

; Base = declarative_base(), Base = registry().generate_base(), db = SQLAlchemy(app)
(assignment
  left: (identifier) @variable
  right: (call
    function: [
      (identifier) @factoryName
      (attribute attribute: (identifier) @factoryName)
    ] @callee)
  (#any-of? @factoryName "declarative_base" "generate_base" "SQLAlchemy")) @factory
