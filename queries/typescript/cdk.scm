; CDK apps in TypeScript (src/sources/cdk-typescript.ts): imports and re-exports (names and the local files the app
; reads), declarations and field assignments that can be local constants, and every `new` (constructs among them);
; local function declarations and the calls of local names (a wrapper around Code.fromAsset, followed one level).
(import_statement) @import
(export_statement source: (string)) @import
(variable_declarator name: (identifier) @name value: (_) @value) @assign
(public_field_definition name: (property_identifier) @name value: (_) @value) @field
(assignment_expression left: (member_expression object: (this) property: (property_identifier) @name) right: (_) @value) @field
(new_expression constructor: [(identifier) (member_expression)] @callee) @call
(function_declaration name: (identifier) @fname) @function
(call_expression function: (identifier) @lname) @lcall
