// Commands that change files in ways the simulator does not follow: each run is an unknown.
import type { Command } from '../types.js';

export const notSimulated: Command = (sh, { node, name }) => sh.unknown(node, `${name} is not simulated`);
