; Names a module binds. Module-level filtering is done in TypeScript.

(class_definition
  name: (identifier) @name) @class

(function_definition
  name: (identifier) @name) @function

(assignment
  left: (_) @target) @assignment

(augmented_assignment
  left: (_) @target) @augmented

(named_expression
  name: (identifier) @target) @walrus

(for_statement
  left: (_) @target) @for

(global_statement
  (identifier) @name) @global
