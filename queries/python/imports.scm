; Import statements. Context (guard, scope, conditional) is computed in TypeScript
; from the ancestors of each match.

(import_statement) @import

(import_from_statement) @from

(future_import_statement) @future
