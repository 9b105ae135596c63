; Comments that may be suppressions (only they are read: see parseSuppression) and parse problems.

((comment) @comment
  (#match? @comment "parity-check"))

; `# noqa: MOD001`: not a suppression here, but a hint to write one (see parseNoqa).
((comment) @comment
  (#match? @comment "noqa"))

(ERROR) @error

(MISSING) @missing
