// What every stage shares: positions, findings and their fixes (the pipeline: README, How it works).
// Positions are 1-based lines and columns (columns count UTF-16 code units of the line, like editors do).

export type Severity = 'error' | 'warning';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A place in a file, `file` posix and relative to the checked folder. */
export interface Location extends Span {
  file: string;
}

export interface TextEdit {
  /** Byte-independent: 1-based line/column span in the file, replaced by `text`. */
  file: string;
  span: Span;
  text: string;
  /**
   * For insertions at one position by different findings' fixes: applied in this order (string
   * order) rather than the findings' order, so imports two fixes add land sorted. Absent: ''.
   */
  order?: string;
  /**
   * The imports this edit adds, as data (src/rules/shared/import-place.ts), so the edits several
   * fixes make at one place are joined into one sorted block before they are applied.
   */
  imports?: ImportBlock;
}

/** Imports inserted at one place (`before`/`plain`/`after` a section) or merged into one `from` statement. */
export interface ImportBlock {
  mode: 'before' | 'plain' | 'after' | 'merge';
  section: number;
  items: { kind: 'import' | 'from'; module: string; name?: string; alias?: string }[];
}

export interface Fix {
  /** A safe fix is certain to be right; only safe fixes are applied by --fix. */
  safe: boolean;
  description: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  /** Other places the finding is about (the other entry point's line, say). Suppressions on them count too. */
  related?: Location[];
  fix?: Fix;
  /** Why a fix the rule made is not offered (its file does not parse): `--fix` says it per finding. */
  fixWithheld?: string;
}
