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

; with open(path) as settings_file: (not `except E as e`, which Python unbinds after the handler)
(with_item
  value: (as_pattern
    alias: (as_pattern_target) @target)) @with

(global_statement
  (identifier) @name) @global
