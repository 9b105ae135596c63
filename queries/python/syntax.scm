; Comments that may be suppressions (only they are read: see parseSuppression) and parse problems.

((comment) @comment
  (#match? @comment "parity-check"))

(ERROR) @error

(MISSING) @missing
