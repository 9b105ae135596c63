; six.py's literal tables of what its virtual module `six.moves` holds (src/python/extract/six-moves.ts):
;   _moved_attributes = [MovedAttribute("cStringIO", "cStringIO", "io", "StringIO"), MovedModule("builtins", "__builtin__"), ...]
;   _urllib_parse_moved_attributes = [MovedAttribute("urlencode", "urllib", "urllib.parse"), ...]
; One match per entry of a module-level list; the table's name is checked in TypeScript. Entries
; added later (`_moved_attributes += [...]` under `if sys.platform == "win32":`) are not matched.
(module
  (expression_statement
    (assignment
      left: (identifier) @table
      right: (list
        (call
          function: (identifier) @kind
          arguments: (argument_list . (string) @name)) @entry)))
  (#any-of? @kind "MovedAttribute" "MovedModule"))
