// Image references as patterns (`*` for a part that is not known): `<registry>/<path>/<name>:<tag>`. Two name the
// same image when their repository names agree and their tags agree (no tag is `latest`). A hole never stands for
// the whole repository name: a tag that is only `$IMAGE` matches nothing (a link is made on what is known).
import { patternsAgree } from '../shell/index.js';

function parts(ref: string): { name: string; tag: string } {
  const at = ref.indexOf('@');
  const r = at >= 0 ? ref.slice(0, at) : ref;
  const slash = r.lastIndexOf('/');
  const last = r.slice(slash + 1);
  const colon = last.lastIndexOf(':');
  return colon >= 0 ? { name: last.slice(0, colon), tag: last.slice(colon + 1) } : { name: last, tag: at >= 0 ? '*' : 'latest' };
}

export function imageMatches(a: string, b: string): boolean {
  const x = parts(a);
  const y = parts(b);
  if (!/[^*]/.test(x.name) || !/[^*]/.test(y.name)) return false;
  return patternsAgree(x.name, y.name) && patternsAgree(x.tag, y.tag);
}
