; Calls that import a module named by a string: importlib.import_module(...),
; import_module(...) (from importlib), importlib.__import__(...), __import__(...).

(call
  function: (identifier) @function
  arguments: (argument_list) @args
  (#any-of? @function "import_module" "__import__")) @call

(call
  function: (attribute
    object: (_) @object
    attribute: (identifier) @function)
  arguments: (argument_list) @args
  (#any-of? @function "import_module" "__import__")) @call
