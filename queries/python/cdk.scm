; CDK apps in Python (src/sources/cdk-python.ts), not part of the fact queries: the imports (names and the local
; files the app reads), the assignments that can be local constants, and every call (constructs among them).
(import_statement) @import
(import_from_statement) @import
(assignment left: [(identifier) (attribute)] @name right: (_) @value) @assign
(call function: [(identifier) (attribute)] @callee) @call
