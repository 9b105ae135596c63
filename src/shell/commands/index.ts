// One file per simulated command (knip's resolvers/ layout): the simulator looks the command name up here.
import type { Command } from '../types.js';
import { aws } from './aws.js';
import { cd, popd } from './cd.js';
import { cp } from './cp.js';
import { docker } from './docker.js';
import { find } from './find.js';
import { ln } from './ln.js';
import { mkdir } from './mkdir.js';
import { notSimulated } from './not-simulated.js';
import { pip } from './pip.js';
import { rm } from './rm.js';
import { rsync } from './rsync.js';
import { zip } from './zip.js';
import { unzip } from './unzip.js';

export { isPip, pipTarget } from './pip.js';

/** Commands that change files (or the current folder): an unknown among them makes the layouts unknown too. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['cd', cd],
  ['pushd', cd],
  ['popd', popd],
  ['mkdir', mkdir],
  ['rm', rm],
  ['cp', cp],
  ['mv', cp],
  ['rsync', rsync],
  ['find', find],
  ['zip', zip],
  ['pip', pip],
  ['pip3', pip],
  ['ln', ln],
  ['tar', notSimulated],
  ['unzip', unzip],
  ['install', notSimulated],
]);

/** `aws` changes no file, but `aws lambda …` says which function a zip deploys. */
export const AWS: Command = aws;
export { pip as PIP };
/** `docker build` records the image it builds (context, Dockerfile, target, tags); `docker tag` / `push` its tags. */
export const DOCKER: Command = docker;
