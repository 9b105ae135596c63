; Comments (for suppressions) and parse problems.

(comment) @comment

(ERROR) @error

(MISSING) @missing
