// Constructor keywords whose value could not be read (AppFact.unread): that app's registrations of
// the kind are unknown, so it is never said to lack one, and a warning names the expression instead
// of the comparison passing silently.
import type { ServedApp } from '../../graph/registrations/served.js';
import type { UnreadKeyword } from '../../types.js';
import { at } from '../../util/span.js';
import type { RuleFinding } from '../types.js';

export const unreadOf = (app: ServedApp, keywords: readonly string[]): UnreadKeyword[] => (app.app.unread ?? []).filter((u) => keywords.includes(u.keyword));

/** One warning per unread keyword of each served app, when there is another app to compare with. */
export function unreadWarnings(graphName: string, apps: ServedApp[], keywords: readonly string[], what: string): RuleFinding[] {
  if (apps.length < 2) return [];
  return apps.flatMap((app) =>
    unreadOf(app, keywords).map((u) => ({
      ...at(app.module.file, u),
      severity: 'warning' as const,
      message: `the ${what} of ${app.label} could not be read (${u.keyword}=${u.text}): they are not compared with ${apps
        .filter((a) => a !== app)
        .map((a) => a.label)
        .join(', ')}; write them as a list (or a name bound to one) to have them checked`,
      subject: { app: graphName, names: [u.text] },
    })),
  );
}
